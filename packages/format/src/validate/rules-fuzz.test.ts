import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { TRIAGE_FIXTURE } from '../explain/explain-fixture.js';
import { explainWorkflow } from '../explain/explain-workflow.js';
import { loadWorkflow } from '../normalise/load-workflow.js';
import { RENDER_FIXTURE } from '../render/render-fixture.js';
import { renderDot } from '../render/render-dot.js';
import { renderMermaid } from '../render/render-mermaid.js';
import { renderOutline } from '../render/render-outline.js';
import { runRules } from './run-rules.js';

const VALUES: unknown[] = [
  0, -1, 1.5, 1e9, '', 'x', 'steps.a.outputs.b >', '${env.X}', `sk-${'a'.repeat(30)}`, null, true, [], {}, ['a'],
  { to: 'zz' }, 'wait_n', 'loop', 'switch', 'weighted', 'event', 'high', 'critical', 'inputs.x > 1', '__proto__', 'constructor',
];
const KEYS = [
  'when', 'mode', 'to', 'from', 'join_mode', 'join_count', 'cases', 'default_to', 'for_each', 'max_iterations', 'weight',
  'timeout_sec', 'confidence_requirement', 'auth_level', 'risk_level', 'workflow_ref', 'on_success', 'on_failure', 'on_timeout',
  'delegation_state', 'role', 'approval_gate', 'runtime', 'outputs', 'inputs', 'version', 'entry_point', 'exit_conditions', 'id',
];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function mutate(node: unknown, rand: () => number, depth = 0): void {
  if (node === null || typeof node !== 'object' || depth > 6) return;
  const record = node as Record<string | number, unknown>;
  const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  if (keys.length === 0) return;
  const key = keys[Math.floor(rand() * keys.length)]!;
  const r = rand();
  if (r < 0.3) record[key] = VALUES[Math.floor(rand() * VALUES.length)];
  else if (r < 0.5 && !Array.isArray(node)) record[KEYS[Math.floor(rand() * KEYS.length)]!] = VALUES[Math.floor(rand() * VALUES.length)];
  else mutate(record[key], rand, depth + 1);
}

describe('rules, render and explain on mutated documents', () => {
  it('never crash and never report an internal error (400 mutations of two fixtures)', () => {
    const rand = random(7);
    const documents = [parse(RENDER_FIXTURE) as unknown, parse(TRIAGE_FIXTURE) as unknown];
    let loaded = 0;
    for (let i = 0; i < 400; i++) {
      const doc = structuredClone(documents[i % 2]);
      for (let m = 0; m < 1 + Math.floor(rand() * 4); m++) mutate(doc, rand);
      const result = loadWorkflow(stringify(doc), 'mutated.osop');
      if (result.workflow === undefined || result.source === undefined) continue;
      loaded++;
      const source = result.source;
      const diagnostics = runRules({ workflow: result.workflow, file: 'mutated.osop', locate: (path) => source.locate(path) });
      const internal = diagnostics.filter((d) => d.code === 'internal-error');
      assert.deepEqual(internal, [], `mutation ${i}`);
      for (const d of diagnostics) assert.ok(d.line >= 1 && d.column >= 1, `${d.code} at mutation ${i} has a position`);
      assert.doesNotThrow(() => {
        renderDot(result.workflow!);
        renderMermaid(result.workflow!);
        renderOutline(result.workflow!, { color: true });
        explainWorkflow(result.workflow!);
      }, `mutation ${i}`);
    }
    assert.ok(loaded > 60, `${loaded} mutated documents still loaded`);
  });
});
