import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { stringifyWorkflow, validateSource } from '@sopflow/format';
import {
  discoverProcessTree, foldTree, formatTree, netToWorkflow, readPnml, readPtml, sortTree, tokenReplayFitness, treeToPetriNet,
  treeToWorkflow, workflowToPetriNet, workflowToTree, writePnml, writePtml,
} from '../index.js';
import { makeLog } from '../../test-fixtures/make-log.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const CLAIM_LOG = makeLog(['register check notify decide', 'register notify check decide', 'register check decide']);

describe('PNML', () => {
  it('reads a hand-written ProM/PM4Py net: labels, the $invisible$ transition, markings', () => {
    const net = readPnml(fixture('prom-claim.pnml'));
    assert.deepEqual(net.transitions.map((t) => t.label), ['register', 'check', 'notify', null, 'decide']);
    assert.deepEqual(net.initialMarking, [1, 0, 0, 0, 0, 0]);
    assert.deepEqual(net.finalMarking, [0, 0, 0, 0, 0, 1]);
    assert.equal(tokenReplayFitness(CLAIM_LOG, net).logFitness, 1);
  });

  it('writes a net that reads back to the same net (fixture, mined net, arc weights)', () => {
    const mined = treeToPetriNet(discoverProcessTree(makeLog(['a b c d', 'a c b d', 'a e d', 'a b b c d'])));
    const weighted = { ...mined, arcs: mined.arcs.map((a, i) => (i === 0 ? { ...a, weight: 2 } : a)) };
    for (const net of [readPnml(fixture('prom-claim.pnml')), mined, weighted]) {
      assert.deepEqual(readPnml(writePnml(net, { id: 'x' })), net);
    }
  });

  it('marks silent transitions as ProM does and escapes names', () => {
    const text = writePnml({ places: [{ name: 'p<1>' }], transitions: [{ name: 't&1', label: null }], arcs: [], initialMarking: [1], finalMarking: [1] });
    assert.match(text, /<toolspecific tool="ProM" version="6.4" activity="\$invisible\$"/);
    assert.match(text, /<place id="p&lt;1&gt;">/);
    assert.equal(readPnml(text).transitions[0]!.name, 't&1');
  });

  it('imports a net as a workflow sopflow validates, and the workflow accepts the traces the net accepts', () => {
    const { value: workflow, losses } = netToWorkflow(readPnml(fixture('prom-claim.pnml')), { id: 'claim', name: 'Claim' });
    assert.deepEqual(losses, []);
    const report = validateSource(stringifyWorkflow(workflow), 'claim.osop');
    assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(tokenReplayFitness(CLAIM_LOG, workflowToPetriNet(workflow)).logFitness, 1);
    assert.ok(tokenReplayFitness(makeLog(['register decide']), workflowToPetriNet(workflow)).logFitness < 1);
  });

  it('lists arc weights and unreachable transitions as losses', () => {
    const net = readPnml(fixture('prom-claim.pnml'));
    const weighted = { ...net, arcs: net.arcs.map((a, i) => (i === 0 ? { ...a, weight: 2 } : a)) };
    assert.deepEqual(netToWorkflow(weighted, { id: 'w', name: 'W' }).losses.map((l) => l.code), ['arc-weight']);
  });

  it('exports a workflow as the net conformance checks it with', () => {
    const { value: workflow } = netToWorkflow(readPnml(fixture('prom-claim.pnml')), { id: 'claim', name: 'Claim' });
    const net = workflowToPetriNet(workflow);
    assert.deepEqual(readPnml(writePnml(net)), net);
  });
});

describe('PTML', () => {
  const expected = "->( 'receive', *( 'review', 'revise' ), +( 'archive', X( 'notify', tau ) ) )";

  it('reads a hand-written PM4Py tree (ProM loop with a tau exit, and, xor with tau)', () => {
    assert.equal(formatTree(readPtml(fixture('pm4py-review.ptml'))), expected);
  });

  it('writes a tree that reads back to the same tree, with three loop children for ProM', () => {
    const tree = readPtml(fixture('pm4py-review.ptml'));
    const text = writePtml(tree);
    assert.equal((text.match(/<parentsNode /g) ?? []).length, 10);
    assert.deepEqual(readPtml(text), tree);
    const mined = discoverProcessTree(makeLog(['a b c d', 'a c b d', 'a e d', 'a b b c d']));
    assert.deepEqual(readPtml(writePtml(mined)), mined);
  });

  it('keeps a non-tau loop exit after the loop', () => {
    const text = writePtml({ kind: 'operator', operator: 'loop', children: [{ kind: 'leaf', label: 'a' }, { kind: 'leaf', label: 'b' }, { kind: 'leaf', label: 'c' }] });
    assert.equal(formatTree(readPtml(text)), "->( *( 'a', 'b' ), 'c' )");
  });

  it('refuses an or operator and a dangling parent link, saying where', () => {
    assert.throws(() => readPtml('<ptml><processTree id="t" root="o"><or id="o" name=""/></processTree></ptml>'), /PTML operator <or>/);
    assert.throws(() => readPtml('<ptml><processTree id="t" root="s"><sequence id="s" name=""/><parentsNode id="e" sourceId="s" targetId="zz"/></processTree></ptml>'), /unknown node "zz"/);
  });

  it('turns a mined workflow back into its tree (tree → workflow → tree)', () => {
    for (const traces of [['a b c d', 'a c b d', 'a e d', 'a b b c d'], ['a b', 'a c', 'a b c'], ['x y z', 'x y y z']]) {
      const tree = discoverProcessTree(makeLog(traces));
      const workflow = treeToWorkflow(tree, { id: 'm', name: 'M' });
      const back = workflowToTree(workflow);
      assert.ok('tree' in back, 'error' in back ? back.error : '');
      const names = new Map(workflow.nodes.map((n) => [n.id, n.name]));
      const relabel = (t: typeof tree): typeof tree => (t.kind === 'leaf' ? { kind: 'leaf', label: t.label === null ? null : names.get(t.label)! } : { ...t, children: t.children.map(relabel) });
      assert.equal(formatTree(sortTree(foldTree(relabel(back.tree)))), formatTree(sortTree(foldTree(tree))), traces.join(' | '));
    }
  });

  it('turns a PNML-imported workflow into a tree with the same behaviour', () => {
    const { value: workflow } = netToWorkflow(readPnml(fixture('prom-claim.pnml')), { id: 'claim', name: 'Claim' });
    const back = workflowToTree(workflow);
    assert.ok('tree' in back, 'error' in back ? back.error : '');
    assert.equal(formatTree(sortTree(back.tree)), formatTree(sortTree(readPtml(writePtml(back.tree)))));
    assert.equal(tokenReplayFitness(makeLog(['register check notify decide', 'register check decide']), treeToPetriNet(back.tree)).logFitness, 1);
  });
});
