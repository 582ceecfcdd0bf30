import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
/** file → the files of this folder it imports (type-only imports included). */
const imports = new Map(files.map((f) => {
  const text = readFileSync(join(here, f), 'utf8');
  const local = [...text.matchAll(/from '\.\/([a-z0-9-]+)\.js'/g)].map((m) => `${m[1]}.ts`);
  return [f, local];
}));
/** The files whose exports are work-item handlers; only the drain loop and decide.ts may import them. */
const HANDLERS = ['activate-step.ts', 'arrive.ts', 'finish-step.ts', 'finish-run.ts', 'handle-waits.ts'];

describe('decide has no recursion between its files', () => {
  it('has no import cycle among decide/*.ts', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      assert.notEqual(state.get(file), 'visiting', `import cycle: ${[...path, file].join(' → ')}`);
      state.set(file, 'visiting');
      for (const next of imports.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
  });

  it('lets no handler file import another handler file (they queue work items instead)', () => {
    for (const handler of HANDLERS) {
      const bad = (imports.get(handler) ?? []).filter((f) => HANDLERS.includes(f));
      assert.deepEqual(bad, [], `${handler} imports ${bad.join(', ')}`);
    }
    const importers = files.filter((f) => (imports.get(f) ?? []).some((i) => HANDLERS.includes(i))).sort();
    assert.deepEqual(importers, ['decide.ts', 'drain-work-queue.ts']);
  });
});
