import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exportOsop, loadWorkflow, parseSource, restoreSopflowExtensions, validateSource, type Workflow } from '../index.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const EXAMPLES = join(ROOT, 'examples');
const CONFORMANCE = join(ROOT, 'conformance/format');

/**
 * The normalised workflow without source bookkeeping: paths into the document, the source style
 * and each edge's origin, and SOP-graph escalations that name a node (those are written as edges,
 * as `stringifyWorkflow` does).
 */
function normalised(workflow: Workflow): unknown {
  const BOOKKEEPING = new Set(['path', 'style', 'origin']);
  return JSON.parse(JSON.stringify(workflow, (key, value) => {
    if (BOOKKEEPING.has(key)) return undefined;
    if ((key === 'onFailure' || key === 'onTimeout') && value?.node !== undefined) return undefined;
    return value;
  }));
}

function workflowsIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.osop')).sort().map((f) => join(dir, f));
}

describe('exportOsop', () => {
  const examples = workflowsIn(EXAMPLES);

  it('finds the examples (and the templates fail OSOP Full before export)', () => {
    assert.ok(examples.length >= 6);
    const failing = examples.filter((f) => !validateSource(readFileSync(f, 'utf8'), f, { compat: 'full' }).valid);
    assert.ok(failing.length >= 5, `expected most examples to fail Full as written, got ${failing.length}`);
  });

  for (const file of examples) {
    it(`round-trips ${file.slice(ROOT.length)}: Full accepts the export, and reading it back gives the same workflow`, () => {
      const loaded = loadWorkflow(readFileSync(file, 'utf8'), file);
      assert.ok(loaded.workflow, JSON.stringify(loaded.diagnostics));
      const text = exportOsop(loaded.workflow);
      const full = validateSource(text, 'export.osop', { compat: 'full' });
      assert.deepEqual(full.diagnostics.filter((d) => d.severity === 'error'), [], text);
      const back = loadWorkflow(text, 'export.osop');
      assert.ok(back.workflow, JSON.stringify(back.diagnostics));
      assert.deepEqual(normalised(back.workflow), normalised(loaded.workflow));
    });
  }

  it('round-trips every valid conformance workflow (all node types and edge modes, SOP-graph style)', () => {
    let checked = 0;
    for (const file of workflowsIn(CONFORMANCE)) {
      const text = readFileSync(file, 'utf8');
      if (!validateSource(text, file).valid) continue;
      const loaded = loadWorkflow(text, file);
      if (!loaded.workflow) continue;
      const exported = exportOsop(loaded.workflow);
      const full = validateSource(exported, 'export.osop', { compat: 'full' });
      assert.deepEqual(full.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), [], `${file}\n${exported}`);
      const back = loadWorkflow(exported, 'export.osop');
      assert.ok(back.workflow, `${file}: ${JSON.stringify(back.diagnostics)}`);
      assert.deepEqual(normalised(back.workflow), normalised(loaded.workflow), file);
      checked += 1;
    }
    assert.ok(checked >= 30, `only ${checked} conformance workflows loaded`);
  });

  it('moves sopflow keys under x-sopflow, keeps a Full stand-in, and marks what it had to add', () => {
    const loaded = loadWorkflow([
      'osop_version: "1.1"', 'id: w', 'name: W', 'inputs: [{name: n, type: int}]',
      'nodes:', '  - {id: wait, type: event, kind: checkpoint}', '  - {id: run, type: cli, purpose: Run, runtime: {command: [npm, test, "a b"]}}',
      'edges:', '  - {from: wait, to: run, mode: signal, event: go}',
    ].join('\n'), 'w.osop');
    const data = parseSource(exportOsop(loaded.workflow!)).source!.data as Record<string, any>;
    assert.deepEqual(data['x-sopflow'], { inputs: [{ name: 'n', type: 'int' }] });
    assert.equal(data.nodes[0].type, 'system');
    assert.equal(data.nodes[0]['x-sopflow'].type, 'event');
    assert.deepEqual(data.nodes[0]['x-sopflow-added'], ['purpose']);
    assert.equal(data.nodes[1].runtime.command, "npm test 'a b'");
    assert.deepEqual(data.nodes[1]['x-sopflow'].runtime.command, ['npm', 'test', 'a b']);
    assert.deepEqual(data.edges[0], { from: 'wait', to: 'run', mode: 'event', 'x-sopflow': { mode: 'signal', event: 'go' } });
  });

  it('adds a placeholder edge to a single-node workflow (Full needs one) and drops it on reading back', () => {
    const loaded = loadWorkflow('osop_version: "1.1"\nid: one\nname: One\nnodes:\n  - {id: only, type: human, purpose: Do it}\n', 'one.osop');
    const text = exportOsop(loaded.workflow!);
    assert.equal(validateSource(text, 'one.osop', { compat: 'full' }).valid, true, text);
    assert.deepEqual(loadWorkflow(text, 'one.osop').workflow!.edges, []);
  });

  it('leaves documents without sopflow extension keys as they are', () => {
    const data = { osop_version: '1.1', id: 'a', nodes: [], edges: [] };
    assert.equal(restoreSopflowExtensions(data), data);
  });
});
