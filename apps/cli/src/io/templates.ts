import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository's `examples/` folder: the `init` templates (apps/cli/{src,dist}/io → ../../../../examples). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

export interface Template {
  name: string;
  file: string;
  /** The first comment line of the file, used as its description. */
  summary: string;
}

/** Lists the templates: every `.osop` and `.sop` file in examples/, by name without extension. */
export function listTemplates(): Template[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => /\.(osop|sop)$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
      const first = text.split('\n').find((l) => l.startsWith('#')) ?? '';
      return { name: file.replace(/\.(osop|sop)$/, ''), file, summary: first.replace(/^#\s*/, '') };
    });
}
