import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadWorkflow, stringifyWorkflow, validateSource, type Workflow } from '@sopflow/format';
import { bpmnToWorkflow, discoverProcessTree, treeToWorkflow, workflowToBpmn } from '../index.js';
import { makeLog } from '../../test-fixtures/make-log.js';

const EXAMPLES = new URL('../../../../examples/', import.meta.url);
const graph = (w: Workflow) => ({
  nodes: w.nodes.map((n) => `${n.id} ${n.type} ${n.name} ${n.role ?? '-'}`).sort(),
  edges: w.edges.map((e) => `${e.from} -> ${e.to} ${e.mode} ${e.when ?? ''} ${JSON.stringify(e.errorCodes ?? [])} ${e.joinMode ?? ''}`).sort(),
  entry: w.entryPoint,
});

describe('BPMN', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.osop'))) {
    it(`round-trips examples/${file}: same steps, types, roles, edges and entry; losses listed`, async () => {
      const workflow = loadWorkflow(readFileSync(new URL(file, EXAMPLES), 'utf8'), file).workflow!;
      const { value: xml, losses } = await workflowToBpmn(workflow);
      assert.match(xml, /<bpmndi:BPMNDiagram/);
      assert.ok(losses.every((l) => l.code && l.message));
      const back = await bpmnToWorkflow(xml);
      assert.deepEqual(back.losses, []);
      assert.deepEqual(graph(back.value), graph(workflow));
    });
  }

  it('writes gateways, boundary events and lanes for the constructs BPMN has', async () => {
    const workflow = loadWorkflow(readFileSync(new URL('deployment-pipeline.osop', EXAMPLES), 'utf8')).workflow!;
    const { value: xml, losses } = await workflowToBpmn(workflow);
    assert.match(xml, /<bpmn:parallelGateway id="sopflow_split_/);
    assert.match(xml, /<bpmn:boundaryEvent [^>]*attachedToRef=/);
    assert.match(xml, /<bpmn:errorEventDefinition/);
    assert.ok(losses.some((l) => l.code === 'node-field' || l.code === 'workflow-field'));
  });

  it('imports a hand-written BPMN file with every construct', async () => {
    const { value: w, losses } = await bpmnToWorkflow(readFileSync(new URL('./fixtures/hand-written.bpmn', import.meta.url), 'utf8'));
    const type = (id: string) => w.nodes.find((n) => n.id === id)?.type;
    assert.deepEqual([type('receive'), type('charge'), type('label'), type('big'), type('book')], ['human', 'api', 'cli', 'gateway', 'api']);
    assert.equal(w.nodes.find((n) => n.id === 'label')!.runtime!.command, 'lp label.pdf');
    assert.equal(w.nodes.find((n) => n.id === 'receive')!.purpose, 'Check the order is complete.');
    assert.equal(w.nodes.find((n) => n.id === 'approve')!.timeoutSec, 7200);
    assert.deepEqual(w.roles, ['clerk', 'payments']);
    assert.equal(w.nodes.find((n) => n.id === 'charge')!.role, 'payments');
    assert.equal(w.entryPoint, 'receive');
    const edges = graph(w).edges;
    for (const expected of [
      'big -> approve conditional inputs.total > 1000 [] ',
      'charge -> notify_declined error  ["CARD_DECLINED"] ',
      'approve -> notify_declined timeout  [] ',
      'fork -> pack parallel  [] ',
      'extras -> gift_wrap conditional inputs.gift [] ',
      'extras -> book weighted  [] ',
      'gift_wrap -> book sequential  [] ',
      'book -> handover sequential  [] ',
    ]) assert.ok(edges.includes(expected), `${expected}\n${edges.join('\n')}`);
    assert.deepEqual(losses.map((l) => l.code), ['element']);
    assert.match(losses[0]!.message, /DataObject "Invoice"/);
    assert.equal(validateSource(stringifyWorkflow(w), 'order.osop').diagnostics.filter((d) => d.severity === 'error').length, 0);
  });

  it('exports a mined model', async () => {
    const mined = treeToWorkflow(discoverProcessTree(makeLog(['a b c d', 'a c b d', 'a e d'])), { id: 'mined', name: 'Mined' });
    const { value: xml } = await workflowToBpmn(mined);
    assert.deepEqual(graph((await bpmnToWorkflow(xml)).value), graph(mined));
  });

  it('refuses text that is not BPMN', async () => {
    await assert.rejects(bpmnToWorkflow('<nope'), /BPMN/);
  });
});
