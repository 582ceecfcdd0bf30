import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { EDGE_MODES } from '../index.js';

// Issue 9: sets of edge modes written out by hand (failure paths, fan-out, back edges) in several
// files could disagree with edgeModeTraits. A line naming three or more modes is such a list.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const ALLOWED: Record<string, string> = {
  'packages/format/src/model/edge-mode.ts': 'the list of modes itself',
  'packages/format/src/rules/edge-mode-traits.ts': 'the one definition of their traits',
  'packages/format/src/schema/workflow-full.ts': "OSOP Full's modes in its schema's order",
  'packages/format/src/normalise/sop-graph-edges.ts': 'picks the mode a .sop next: entry becomes, lists none',
  'packages/format/src/normalise/normalise-edge.ts': 'edge field names (event, signal, message), not modes',
  'packages/format/src/validate/rules/event-without-name.ts': 'the modes whose `event` field names what they wait for or send',
  'packages/format/src/serialise/osop-full-document.ts': "a translation table: the nearest OSOP Full mode for each sopflow-only mode",
  'packages/analysis/src/interchange/bpmn-to-workflow.ts': 'a translation: the mode a BPMN gateway or condition becomes',
};

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) yield path;
  }
}

describe('edge modes are listed in one place', () => {
  it('no source file outside format/rules writes out a set of three or more edge modes', () => {
    const modes = new Set<string>(EDGE_MODES);
    const found: string[] = [];
    for (const top of ['packages', 'apps']) {
      for (const pkg of readdirSync(join(root, top))) {
        const src = join(root, top, pkg, 'src');
        if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
        for (const file of sourceFiles(src)) {
          const rel = relative(root, file).split('\\').join('/');
          if (ALLOWED[rel] !== undefined) continue;
          readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
            const named = new Set([...line.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!).filter((m) => modes.has(m)));
            if (named.size >= 3) found.push(`${rel}:${i + 1}: ${[...named].join(', ')}`);
          });
        }
      }
    }
    assert.deepEqual(found, [], 'ask edgeModeTraits / isFailurePath / isControlEdge from @sopflow/format instead');
  });
});
