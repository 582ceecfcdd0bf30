/**
 * Test-only builders (not exported from the package): a Workflow from a few fields, and a
 * RuleContext whose `locate` maps document paths to predictable positions:
 * `['nodes', i, ...rest]` → line 100 + 10·i, `['edges', j, ...rest]` → line 500 + 10·j,
 * anything else → line 1; the column is 1 + 2·(path length).
 */
import type { DocumentPath, SourceLocation } from '../model/diagnostic.js';
import { defaultKind } from '../model/node-type.js';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { DEFAULT_AUTH_LEVELS } from '../model/workflow.js';
import type { RuleContext } from './rule.js';
import { loadWorkflow } from '../normalise/load-workflow.js';

export type TestNode = Partial<WorkflowNode> & { id: string };
export type TestEdge = Partial<WorkflowEdge> & { from: string; to: string };
export type TestWorkflow = Partial<Omit<Workflow, 'nodes' | 'edges'>> & { nodes: TestNode[]; edges?: TestEdge[] };

export function testWorkflow(spec: TestWorkflow): Workflow {
  const { nodes, edges = [], ...rest } = spec;
  return {
    style: 'edge-list',
    osopVersion: '1.0',
    id: 'test-workflow',
    name: 'Test workflow',
    tags: [],
    roles: [],
    exitConditions: [],
    escalationPaths: [],
    failureModes: [],
    auditRequirements: [],
    triggers: [],
    jurisdiction: [],
    authLevels: [...DEFAULT_AUTH_LEVELS],
    inputs: [],
    extra: {},
    ...rest,
    nodes: nodes.map((n, i) => testNode(n, i)),
    edges: edges.map((e, j) => ({ mode: 'sequential', origin: 'edges', path: ['edges', j], extra: {}, ...e })),
  };
}

function testNode(spec: TestNode, index: number): WorkflowNode {
  const type = spec.type ?? 'system';
  return {
    type,
    kind: defaultKind(type),
    name: spec.id,
    inputs: [],
    outputs: [],
    failureModes: [],
    path: ['nodes', index],
    extra: {},
    ...spec,
  };
}

/** A linear chain a → b → c … of system steps. */
export function linearWorkflow(ids: string[], extra: Partial<TestWorkflow> = {}): Workflow {
  return testWorkflow({
    nodes: ids.map((id) => ({ id })),
    edges: ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id })),
    ...extra,
  });
}

export function testLocate(path: DocumentPath): SourceLocation {
  const column = 1 + 2 * path.length;
  if (path[0] === 'nodes' && typeof path[1] === 'number') return { line: 100 + 10 * path[1], column };
  if (path[0] === 'edges' && typeof path[1] === 'number') return { line: 500 + 10 * path[1], column };
  return { line: 1, column };
}

export function testContext(workflow: Workflow, extra: Partial<RuleContext> = {}): RuleContext {
  return { workflow, file: 'test.osop', locate: testLocate, ...extra };
}

/** A RuleContext from YAML text through the real loader; throws when the text does not load (test setup error). */
export function yamlContext(text: string, extra: Partial<RuleContext> = {}): RuleContext {
  const loaded = loadWorkflow(text, 'test.osop');
  if (loaded.workflow === undefined || loaded.source === undefined) {
    throw new Error(`test workflow did not load: ${JSON.stringify(loaded.diagnostics)}`);
  }
  const source = loaded.source;
  return { workflow: loaded.workflow, file: 'test.osop', locate: (path) => source.locate(path), text, ...extra };
}

/** 1-based line and column where `needle` first starts in `text` (after `occurrence - 1` earlier hits). */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found ${occurrence} times`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/** The diagnostics `rule` reports, reduced to what tests compare. */
export function findings(rule: { check(ctx: RuleContext): { code: string; severity: string; line: number; column: number }[] }, ctx: RuleContext): { code: string; severity: string; line: number; column: number }[] {
  return rule.check(ctx).map(({ code, severity, line, column }) => ({ code, severity, line, column }));
}
