import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Skill } from './read-skills.js';

/** Where a coding agent looks for a project's skills when no folder is given (Claude Code's project skills). */
export const DEFAULT_SKILLS_TARGET = '.claude/skills';

export interface InstalledSkill { name: string; path: string; status: 'installed' | 'updated' | 'unchanged' }

/** Writes each skill to `TARGET/<name>/SKILL.md` (creating folders); says per skill whether it was new, changed or already there. */
export function installSkills(skills: readonly Skill[], target: string = DEFAULT_SKILLS_TARGET): InstalledSkill[] {
  return skills.map((skill) => {
    const dir = resolve(target, skill.name);
    const path = join(dir, 'SKILL.md');
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (before === skill.text) return { name: skill.name, path, status: 'unchanged' };
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, skill.text);
    return { name: skill.name, path, status: before === undefined ? 'installed' : 'updated' };
  });
}
