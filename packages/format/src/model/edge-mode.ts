/**
 * Every edge mode sopflow executes. Core has the first 4, Full the first 10; the rest come from
 * OSOP's runtime binding (compensation, message, dataflow, signal, weighted).
 */
export const EDGE_MODES = [
  'sequential', 'conditional', 'parallel', 'fallback',
  'loop', 'event', 'error', 'timeout', 'spawn', 'switch',
  'compensation', 'message', 'dataflow', 'signal', 'weighted',
] as const;
export type EdgeMode = (typeof EDGE_MODES)[number];

export const CORE_EDGE_MODES: readonly EdgeMode[] = EDGE_MODES.slice(0, 4);
export const FULL_EDGE_MODES: readonly EdgeMode[] = EDGE_MODES.slice(0, 10);

export const JOIN_MODES = ['wait_all', 'wait_any', 'wait_n'] as const;
export type JoinMode = (typeof JOIN_MODES)[number];

export function isEdgeMode(value: unknown): value is EdgeMode {
  return typeof value === 'string' && (EDGE_MODES as readonly string[]).includes(value);
}
