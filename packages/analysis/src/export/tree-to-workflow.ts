import { DEFAULT_AUTH_LEVELS, type Workflow, type WorkflowEdge, type WorkflowNode, type EdgeMode } from '@sopflow/format';
import type { ProcessTree } from '../mining/process-tree.js';

export interface TreeToWorkflowOptions {
  id: string;
  name: string;
  description?: string;
  /** Upper bound written on loop edges, since a mined loop has no known exit condition. */
  maxIterations?: number;
}

interface Fragment {
  entry: string;
  exit: string;
}

/**
 * Turns a mined process tree into a draft workflow: activities become steps; sequence becomes
 * sequential edges; parallel becomes a fan-out and a `wait_all` join; exclusive choice becomes
 * weighted branches (the data that decides the branch is not in the log, so the draft says so);
 * loops become a bounded `loop` edge back. Gateways are `gateway` nodes. Pure.
 */
export function treeToWorkflow(tree: ProcessTree, options: TreeToWorkflowOptions): Workflow {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const used = new Set<string>();
  const maxIterations = options.maxIterations ?? 10;

  const uniqueId = (base: string): string => {
    const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'step';
    let id = slug;
    for (let i = 2; used.has(id); i++) id = `${slug}_${i}`;
    used.add(id);
    return id;
  };
  const addNode = (name: string, type: 'human' | 'gateway', purpose: string): string => {
    const id = uniqueId(type === 'gateway' ? `gw_${name}` : name);
    nodes.push({
      id, type, kind: type === 'gateway' ? 'decision' : 'action_digital', name, purpose,
      inputs: [], outputs: [], failureModes: [], path: [], extra: {},
    });
    return id;
  };
  const addEdge = (from: string, to: string, mode: EdgeMode, extra: Partial<WorkflowEdge> = {}): void => {
    edges.push({ from, to, mode, origin: 'edges', path: [], extra: {}, ...extra });
  };

  const build = (t: ProcessTree): Fragment => {
    if (t.kind === 'leaf') {
      if (t.label === null) {
        const id = addNode('skip', 'gateway', 'Silent step in the mined model (nothing is done here).');
        return { entry: id, exit: id };
      }
      const id = addNode(t.label, 'human', `Observed activity "${t.label}".`);
      return { entry: id, exit: id };
    }
    const parts = t.children.map(build);
    switch (t.operator) {
      case 'sequence': {
        for (let i = 0; i + 1 < parts.length; i++) addEdge(parts[i].exit, parts[i + 1].entry, 'sequential');
        return { entry: parts[0].entry, exit: parts[parts.length - 1].exit };
      }
      case 'xor': {
        const split = addNode('choice', 'gateway', 'Exclusive choice observed in the log; the deciding data is not in the log: set a condition.');
        const join = addNode('merge', 'gateway', 'Branches of the choice meet here.');
        for (const p of parts) {
          addEdge(split, p.entry, 'weighted', { weight: 1, label: 'choice (condition not mined)' });
          addEdge(p.exit, join, 'sequential');
        }
        return { entry: split, exit: join };
      }
      case 'parallel': {
        const split = addNode('fork', 'gateway', 'The following steps were observed in any order: they can run in parallel.');
        const join = addNode('join', 'gateway', 'Waits for every parallel branch.');
        for (const p of parts) {
          addEdge(split, p.entry, 'parallel');
          addEdge(p.exit, join, 'sequential', { joinMode: 'wait_all' });
        }
        return { entry: split, exit: join };
      }
      case 'loop': {
        const [body, ...redo] = parts;
        const decide = addNode('repeat?', 'gateway', 'Observed rework: the loop body was repeated in some cases.');
        addEdge(body.exit, decide, 'sequential');
        for (const r of redo) {
          addEdge(decide, r.entry, 'loop', { when: 'true', maxIterations, label: 'repeat (condition not mined; set it)' });
          addEdge(r.exit, body.entry, 'sequential');
        }
        return { entry: body.entry, exit: decide };
      }
    }
  };

  const root = build(tree);
  return {
    style: 'edge-list', osopVersion: '1.1', id: options.id, name: options.name,
    description: options.description ?? 'Draft mined from an event log with the inductive miner; review before use.',
    version: '0.1.0', status: 'draft', tags: ['mined'], roles: [], nodes, edges, entryPoint: root.entry,
    exitConditions: [], escalationPaths: [], failureModes: [], auditRequirements: [], triggers: [], jurisdiction: [],
    lifecycle: 'draft', authLevels: [...DEFAULT_AUTH_LEVELS], inputs: [], extra: {},
  };
}
