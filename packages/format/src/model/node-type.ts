/** OSOP's node taxonomy (all 16): who or what executes a step. Core has the first 4, Full the first 12. */
export const NODE_TYPES = [
  'human', 'agent', 'api', 'cli',
  'db', 'git', 'docker', 'cicd', 'mcp', 'system', 'infra', 'data',
  'event', 'gateway', 'company', 'department',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const CORE_NODE_TYPES: readonly NodeType[] = NODE_TYPES.slice(0, 4);
export const FULL_NODE_TYPES: readonly NodeType[] = NODE_TYPES.slice(0, 12);

/** sopflow extension: what a step is for (the clinical SOP taxonomy). Optional; defaults from the type. */
export const NODE_KINDS = [
  'information_gather', 'assessment', 'decision', 'action_digital', 'action_physical',
  'checkpoint', 'escalation', 'documentation', 'handover',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Pure; the kind a node gets when its author gave none. */
export function defaultKind(type: NodeType): NodeKind {
  switch (type) {
    case 'human': return 'checkpoint';
    case 'gateway': return 'decision';
    case 'event': return 'information_gather';
    case 'company':
    case 'department': return 'handover';
    case 'data':
    case 'db': return 'information_gather';
    case 'agent':
    case 'api':
    case 'cli':
    case 'git':
    case 'docker':
    case 'cicd':
    case 'mcp':
    case 'system':
    case 'infra': return 'action_digital';
  }
}

/** Who carries a step out, derived from its type and delegation state. */
export type Performer = 'human' | 'agent' | 'system';

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}
export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}
