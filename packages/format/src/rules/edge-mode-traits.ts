import type { EdgeMode } from '../model/edge-mode.js';

/** What an edge of one mode does in a run, as the engine routes it. */
export interface EdgeModeTraits {
  /** It moves the run (every mode but `dataflow`, which carries data only). */
  control: boolean;
  /** Taken only when the step did not succeed, or to undo it: error, timeout, fallback, compensation. */
  failurePath: boolean;
  /** Taken to undo a step that already ran (compensation); its target is not a step of the main flow. */
  undo: boolean;
  /** Taken after the step succeeds (control, not a failure path). */
  onSuccess: boolean;
  /** Every such edge whose guard holds is taken at once, so its targets run side by side. */
  fanOut: boolean;
  /** Exactly one of a step's edges of this kind is chosen (by condition, switch value or weight). */
  choice: boolean;
  /** It repeats: leads back to an earlier step, or over a `for_each` list. */
  loop: boolean;
  /** It usually points back to an earlier step (loop, retry or recovery), so it does not mark where a run starts. */
  mayPointBack: boolean;
}

const FAILURE_PATH: ReadonlySet<EdgeMode> = new Set<EdgeMode>(['error', 'timeout', 'fallback', 'compensation']);
const FAN_OUT: ReadonlySet<EdgeMode> = new Set<EdgeMode>(['parallel', 'spawn', 'message', 'event', 'signal']);
const CHOICE: ReadonlySet<EdgeMode> = new Set<EdgeMode>(['conditional', 'switch', 'weighted']);
const POINTS_BACK: ReadonlySet<EdgeMode> = new Set<EdgeMode>(['loop', 'fallback', 'error', 'timeout']);

/**
 * Pure; the one definition of what each edge mode means: control or data only, failure path,
 * undo, fan-out, exclusive choice, loop. Every package asks this instead of listing modes.
 * @example edgeModeTraits('error').failurePath // true
 */
export function edgeModeTraits(mode: EdgeMode): EdgeModeTraits {
  const control = isControlEdge(mode);
  const failurePath = FAILURE_PATH.has(mode);
  return {
    control,
    failurePath,
    undo: mode === 'compensation',
    onSuccess: control && !failurePath,
    fanOut: FAN_OUT.has(mode),
    choice: CHOICE.has(mode),
    loop: mode === 'loop',
    mayPointBack: POINTS_BACK.has(mode),
  };
}

/** Pure; whether edges of this mode carry control (`edgeModeTraits(mode).control`); dataflow edges carry data only. */
export function isControlEdge(mode: EdgeMode): boolean {
  return mode !== 'dataflow';
}

/** Pure; whether edges of this mode are taken only on failure or to undo (`edgeModeTraits(mode).failurePath`). */
export function isFailurePath(mode: EdgeMode): boolean {
  return FAILURE_PATH.has(mode);
}
