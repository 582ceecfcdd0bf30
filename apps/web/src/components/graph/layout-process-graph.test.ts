import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, type Workflow } from '@sopflow/format';
import { layoutProcessGraph, STEP_HEIGHT } from './layout-process-graph';
import { describeStep, NO_ROLE_LANE, processGraphModel } from './process-graph-model';

function example(name: string): Workflow {
  // The repository's examples, from this file's folder (vitest's import.meta.url is a /@fs/ URL under happy-dom).
  const file = join(import.meta.dirname, '../../../../../examples', name);
  const loaded = loadWorkflow(readFileSync(file, 'utf8'), name);
  if (loaded.workflow === undefined) throw new Error(`${name} did not load: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.workflow;
}

describe('the process graph of examples/deployment-pipeline.osop', () => {
  const workflow = example('deployment-pipeline.osop');
  const model = processGraphModel(workflow, { build: 'done', release_approval: 'now' });

  it('has a lane per role in order of appearance, and "No role" for the steps without one', () => {
    expect(model.lanes).toEqual(['release-manager', 'on-call-engineer', NO_ROLE_LANE]);
    expect(model.steps.find((s) => s.id === 'rollback')!.lane).toBe(1);
    expect(model.steps.find((s) => s.id === 'deploy')!.lane).toBe(2);
  });

  it('marks the approval gates, the high-risk step, the parallel fork and the join in words', () => {
    const step = (id: string) => model.steps.find((s) => s.id === id)!;
    expect(step('release_approval').approval).toBe('Approval gate: release-manager');
    expect(step('deploy').approval).toBe('Approval gate');
    expect(step('deploy')).toMatchObject({ risk: 'high', highRisk: true });
    expect(step('build').fork).toBe(true);
    expect(step('checks_done').join).toBe('Join: waits for all');
    expect(model.steps.filter((s) => s.fork).map((s) => s.id)).toEqual(['build']);
    expect(describeStep(step('release_approval'))).toBe('Approve the release, human step, role release-manager, Approval gate: release-manager, running now');
  });

  it('labels every branch that is not plain sequence: parallel, failure paths by the author’s label', () => {
    const label = (from: string, to: string) => model.links.find((l) => l.from === from && l.to === to);
    expect(label('build', 'unit_tests')).toMatchObject({ kind: 'parallel', label: 'in parallel' });
    expect(label('deploy', 'rollback')).toMatchObject({ kind: 'failure', label: 'rollout failed' });
    expect(label('smoke_test', 'rollback')).toMatchObject({ kind: 'failure', label: 'smoke test failed' });
    expect(label('checkout', 'build')).toMatchObject({ kind: 'flow', label: null });
    expect(model.links).toHaveLength(workflow.edges.length);
  });

  it('places every step once, inside its role’s lane, in flow order from left to right', async () => {
    const layout = await layoutProcessGraph(model);
    expect(layout.steps.map((s) => s.id).sort()).toEqual(workflow.nodes.map((n) => n.id).sort());
    for (const placed of layout.steps) {
      expect(Number.isFinite(placed.x) && Number.isFinite(placed.y)).toBe(true);
      const lane = layout.lanes[model.steps.find((s) => s.id === placed.id)!.lane]!;
      expect(placed.y).toBeGreaterThanOrEqual(lane.y);
      expect(placed.y + STEP_HEIGHT).toBeLessThanOrEqual(lane.y + lane.height);
    }
    const x = (id: string) => layout.steps.find((s) => s.id === id)!.x;
    const order = ['checkout', 'build', 'unit_tests', 'checks_done', 'release_approval', 'deploy', 'smoke_test', 'announce'];
    for (let i = 1; i < order.length; i++) expect(x(order[i]!)).toBeGreaterThan(x(order[i - 1]!));
    expect(x('unit_tests')).toBe(x('security_scan'));
    // The two parallel checks share a lane and a column, so they stack instead of overlapping.
    const y = (id: string) => layout.steps.find((s) => s.id === id)!.y;
    expect(Math.abs(y('unit_tests') - y('security_scan'))).toBeGreaterThanOrEqual(STEP_HEIGHT);
    expect(layout.lanes.map((l) => l.name)).toEqual(model.lanes);
    expect(layout.height).toBe(layout.lanes.reduce((sum, l) => sum + l.height, 0));
  });
});

describe('the process graph of examples/incident-response.osop', () => {
  const model = processGraphModel(example('incident-response.osop'));

  it('shows the switch as a decision with one labelled link per case and the default', () => {
    const acknowledge = model.steps.find((s) => s.id === 'acknowledge')!;
    expect(acknowledge.shape).toBe('decision');
    const out = model.links.filter((l) => l.from === 'acknowledge');
    expect(out.map((l) => [l.to, l.label])).toEqual([
      ['mitigate', 'steps.acknowledge.outputs.severity = "sev1"'],
      ['mitigate', 'steps.acknowledge.outputs.severity = "sev2"'],
      ['watch_minor', 'otherwise'],
    ]);
    expect(out.every((l) => l.kind === 'choice')).toBe(true);
  });

  it('puts each step in the lane of its role, and the agent and system steps in "No role"', async () => {
    const layout = await layoutProcessGraph(model);
    expect(model.lanes).toEqual(['incident-commander', 'on-call-engineer', 'communications-lead', NO_ROLE_LANE]);
    const laneOf = (id: string) => {
      const placed = layout.steps.find((s) => s.id === id)!;
      return layout.lanes.find((l) => placed.y >= l.y && placed.y < l.y + l.height)!.name;
    };
    expect(laneOf('postmortem')).toBe('incident-commander');
    expect(laneOf('mitigate')).toBe('on-call-engineer');
    expect(laneOf('status_page')).toBe('communications-lead');
    expect(laneOf('triage')).toBe(NO_ROLE_LANE);
    expect(layout.steps).toHaveLength(model.steps.length);
  });

  it('keeps a link whose end names no step out of the drawing and reports it', () => {
    const workflow = example('incident-response.osop');
    const broken = { ...workflow, edges: [...workflow.edges, { ...workflow.edges[0]!, to: 'nowhere' }] };
    expect(processGraphModel(broken).dangling).toEqual(['triage → nowhere']);
  });
});
