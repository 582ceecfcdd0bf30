import { operator, tau, type ProcessTree } from '../process-tree.js';
import { addTrace, alphabet, byName, imData, setTrace, type ImContext, type Uvcl } from './im-log.js';
import { findImCut } from './find-cut.js';

/** A fall-through's result: the operator node and the sub-logs to mine for its children. */
export interface Split {
  readonly node: 'xor' | 'parallel' | 'loop' | 'tau';
  readonly logs: Uvcl[];
}

/** Empty traces present: xor(tau, rest), or tau when nothing else remains. */
export function emptyTraces(log: Uvcl): Split | null {
  if (!log.has('')) return null;
  const rest: Uvcl = new Map([...log].filter(([k]) => k !== ''));
  return rest.size > 0 ? { node: 'xor', logs: [new Map(), rest] } : { node: 'tau', logs: [] };
}

function splitOff(log: Uvcl, a: number): Split {
  const only: Uvcl = new Map();
  const other: Uvcl = new Map();
  for (const { trace, count } of log.values()) {
    addTrace(only, trace.filter((e) => e === a), count);
    addTrace(other, trace.filter((e) => e !== a), count);
  }
  return { node: 'parallel', logs: [only, other] };
}

/** An activity occurring exactly once in every trace runs in parallel with the rest. */
export function activityOncePerTrace(ctx: ImContext, log: Uvcl): Split | null {
  let candidates = [...alphabet(log)].sort(byName(ctx));
  for (const { trace } of log.values()) {
    candidates = candidates.filter((c) => trace.filter((e) => e === c).length === 1);
    if (candidates.length === 0) return null;
  }
  return splitOff(log, candidates[0]);
}

/** An activity whose removal lets a cut be found runs in parallel with the rest. */
export function activityConcurrent(ctx: ImContext, log: Uvcl): Split | null {
  for (const a of [...alphabet(log)].sort(byName(ctx))) {
    const without: Uvcl = new Map();
    for (const { trace, count } of log.values()) setTrace(without, trace.filter((e) => e !== a), count);
    if (findImCut(ctx, imData(ctx, without))) return splitOff(log, a);
  }
  return null;
}

function tauLoop(log: Uvcl, strict: boolean): Split | null {
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const { trace } of log.values()) {
    if (trace.length === 0) continue;
    starts.add(trace[0]);
    ends.add(trace[trace.length - 1]);
  }
  const proj: Uvcl = new Map();
  let before = 0;
  let after = 0;
  for (const { trace, count } of log.values()) {
    before += count;
    let x = 0;
    for (let i = 1; i < trace.length; i++) {
      if (starts.has(trace[i]) && (!strict || ends.has(trace[i - 1]))) {
        addTrace(proj, trace.slice(x, i), count);
        after += count;
        x = i;
      }
    }
    addTrace(proj, trace.slice(x), count);
    after += count;
  }
  return after > before ? { node: 'loop', logs: [proj, new Map()] } : null;
}

/** Traces split where an end activity is followed by a start activity: loop(parts, tau). */
export const strictTauLoop = (log: Uvcl) => tauLoop(log, true);
/** Traces split before every start activity: loop(parts, tau). */
export const plainTauLoop = (log: Uvcl) => tauLoop(log, false);

/** The flower model: loop(xor(all activities), tau). */
export function flower(ctx: ImContext, log: Uvcl): Split {
  const doLog: Uvcl = new Map();
  for (const a of [...alphabet(log)].sort(byName(ctx))) addTrace(doLog, [a], 1);
  return { node: 'loop', logs: [doLog, new Map()] };
}

/** Tries the fall-throughs in PM4Py's order. */
export function fallThrough(ctx: ImContext, log: Uvcl): Split {
  return emptyTraces(log) ?? activityOncePerTrace(ctx, log) ?? activityConcurrent(ctx, log)
    ?? strictTauLoop(log) ?? plainTauLoop(log) ?? flower(ctx, log);
}

/** Builds the node of a split once its children are mined. */
export function nodeOf(split: Split, children: ProcessTree[]): ProcessTree {
  return split.node === 'tau' ? tau() : operator(split.node, children);
}
