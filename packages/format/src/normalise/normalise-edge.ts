import type { DocumentPath } from '../model/diagnostic.js';
import { isEdgeMode } from '../model/edge-mode.js';
import type { JoinMode } from '../model/edge-mode.js';
import type { SwitchCase, WorkflowEdge } from '../model/workflow.js';
import { asArray, asNumber, asString, asStrings, compact, extraKeys, isObject, type RawObject } from './read-fields.js';

const INTERPRETED = new Set([
  'from', 'to', 'mode', 'when', 'condition', 'label', 'for_each', 'iterator_var', 'max_iterations', 'join_mode', 'join_count',
  'cases', 'default_to', 'error_codes', 'error_code', 'event', 'signal', 'message', 'weight', 'spawn_count',
]);

/** Pure; one `edges[]` entry as a WorkflowEdge (`condition` is OSOP's alias for `when`). */
export function normaliseEdge(raw: RawObject, path: DocumentPath): WorkflowEdge {
  const errorCodes = raw.error_codes !== undefined ? asStrings(raw.error_codes) : raw.error_code !== undefined ? asStrings(raw.error_code) : undefined;
  return compact<WorkflowEdge>({
    from: asString(raw.from) ?? '',
    to: asString(raw.to) ?? '',
    mode: isEdgeMode(raw.mode) ? raw.mode : 'sequential',
    when: asString(raw.when) ?? asString(raw.condition),
    label: asString(raw.label),
    forEach: asString(raw.for_each),
    iteratorVar: asString(raw.iterator_var),
    maxIterations: asNumber(raw.max_iterations),
    joinMode: asString(raw.join_mode) as JoinMode | undefined,
    joinCount: asNumber(raw.join_count),
    cases: raw.cases === undefined ? undefined : switchCases(raw.cases),
    defaultTo: asString(raw.default_to),
    errorCodes,
    event: asString(raw.event) ?? asString(raw.signal) ?? asString(raw.message),
    weight: asNumber(raw.weight),
    spawnCount: asNumber(raw.spawn_count),
    origin: 'edges',
    path,
    extra: extraKeys(raw, INTERPRETED),
  });
}

function switchCases(value: unknown): SwitchCase[] {
  return asArray(value).filter(isObject).filter((c) => typeof c.to === 'string').map((c) => ({ value: c.value, to: c.to as string }));
}
