import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** One skill: a `SKILL.md` whose front matter names and describes it, then its instructions. */
export interface Skill {
  name: string;
  description: string;
  /** The instructions after the front matter. */
  body: string;
  /** The whole file, front matter included (what `sopflow skills install` copies). */
  text: string;
}

/**
 * Every `DIR/<name>/SKILL.md`, by name. A file without `name` and `description` in its front
 * matter, or whose name is not its folder's, is an Error naming the file.
 */
export function readSkills(dir: string): Skill[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'SKILL.md')))
    .map((e) => parseSkill(readFileSync(join(dir, e.name, 'SKILL.md'), 'utf8'), join(dir, e.name, 'SKILL.md'), e.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Pure; a SKILL.md's front matter and body. */
export function parseSkill(text: string, file: string, folder?: string): Skill {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  const front = match === null ? undefined : parse(match[1]!) as { name?: unknown; description?: unknown } | null;
  if (match === null || typeof front?.name !== 'string' || typeof front.description !== 'string') {
    throw new Error(`${file}: a skill starts with front matter giving its name and description`);
  }
  if (folder !== undefined && front.name !== folder) throw new Error(`${file}: the skill is named ${front.name} but lives in ${folder}/`);
  return { name: front.name, description: front.description, body: match[2]!.trim(), text };
}

/**
 * The repository's `skills/` folder, found by walking up from this module (it sits at the root of
 * the repository whether this code runs from `dist/`, the CLI bundle or the sources).
 */
export function skillsDirectory(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'skills', 'manage-sops', 'SKILL.md'))) return join(dir, 'skills');
    if (dirname(dir) === dir) throw new Error(`no skills/ folder above ${from}`);
  }
}
