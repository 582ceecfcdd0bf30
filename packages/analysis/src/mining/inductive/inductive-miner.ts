import type { EventLog } from '../../log/event-log.js';
import { activity, foldTree, operator, sortTree, tau, type ProcessTree } from '../process-tree.js';
import { variantCounts, type VariantOrder } from '../variants.js';
import { imData, type ImContext, type ImData, type ImDfg, type Uvcl } from './im-log.js';
import { findImCut } from './find-cut.js';
import { emptyTraces, fallThrough, nodeOf } from './fall-throughs.js';

export interface InductiveOptions {
  /** 0 = IM; > 0 = IMf with this noise threshold (PM4Py's default for IMf is 0.2). */
  noiseThreshold?: number;
  /**
   * The order variants are collected in, which PM4Py's concurrency projection depends on (it keeps
   * the last count when several variants project to the same sub-trace). Default `auto`: cases
   * sorted by id when the log has timestamps (PM4Py's DataFrame path), file order otherwise.
   */
  variantOrder?: VariantOrder;
}

/**
 * PM4Py 2.7's inductive miner (IM, or IMf when noiseThreshold > 0) to a process tree, folded and
 * sorted as `pm4py.discover_process_tree_inductive` returns it. Pure.
 */
export function discoverProcessTree(log: EventLog, options: InductiveOptions = {}): ProcessTree {
  const ctx: ImContext = { names: log.activities, size: Math.max(1, log.activities.length) };
  const uvcl: Uvcl = variantCounts(log, options.variantOrder ?? 'auto');
  const noise = options.noiseThreshold ?? 0;
  const tree = noise > 0 ? mineImf(ctx, imData(ctx, uvcl), noise, false)! : mineIm(ctx, uvcl);
  return sortTree(foldTree(tree));
}

function baseCase(ctx: ImContext, log: Uvcl): ProcessTree | null {
  if (log.size === 0) return tau();
  if (log.size === 1) {
    const [{ trace }] = log.values();
    if (trace.length <= 1) return trace.length === 0 ? tau() : activity(ctx.names[trace[0]]);
  }
  return null;
}

function mineIm(ctx: ImContext, log: Uvcl): ProcessTree {
  const empty = emptyTraces(log);
  if (empty) return nodeOf(empty, empty.logs.map((l) => mineIm(ctx, l)));
  const base = baseCase(ctx, log);
  if (base) return base;
  const cut = findImCut(ctx, imData(ctx, log));
  if (cut) return operator(cut.operator, cut.logs.map((l) => mineIm(ctx, l)));
  const split = fallThrough(ctx, log);
  return nodeOf(split, split.logs.map((l) => mineIm(ctx, l)));
}

function total(log: Uvcl): number {
  let n = 0;
  for (const v of log.values()) n += v.count;
  return n;
}

function mineImf(ctx: ImContext, data: ImData, noise: number, secondIteration: boolean): ProcessTree | null {
  let log = data.log;
  let current = data;
  const empty = emptyTraces(log);
  if (empty && empty.node === 'xor') {
    const before = total(log);
    const after = total(empty.logs[1]);
    if (before - after > noise * before) return nodeOf(empty, empty.logs.map((l) => mineImf(ctx, imData(ctx, l), noise, false)!));
    log = empty.logs[1];
    current = imData(ctx, log);
  } else if (empty) {
    return tau();
  }
  const base = baseCase(ctx, log);
  if (base) return base;
  const cut = findImCut(ctx, current);
  if (cut) return operator(cut.operator, cut.logs.map((l) => mineImf(ctx, imData(ctx, l), noise, false)!));
  if (secondIteration) return null;
  const filtered = mineImf(ctx, { log, dfg: filterDfg(ctx, current.dfg, noise) }, noise, true);
  if (filtered) return filtered;
  const split = fallThrough(ctx, log);
  return nodeOf(split, split.logs.map((l) => mineImf(ctx, imData(ctx, l), noise, false)!));
}

/** IMf's DFG filter: keep an edge when its frequency exceeds noise × the strongest outgoing frequency of its source. */
function filterDfg(ctx: ImContext, dfg: ImDfg, noise: number): ImDfg {
  const maxOut = new Map<number, number>();
  for (const [k, n] of dfg.edges) {
    const a = Math.floor(k / ctx.size);
    let m = Math.max(maxOut.get(a) ?? n, n);
    if (dfg.end.has(a)) m = Math.max(m, dfg.end.get(a)!);
    maxOut.set(a, m);
  }
  const edges = new Map<number, number>();
  for (const [k, n] of dfg.edges) if (n > noise * maxOut.get(Math.floor(k / ctx.size))!) edges.set(k, n);
  const verts = new Set<number>([...dfg.start.keys(), ...dfg.end.keys()]);
  for (const k of edges.keys()) {
    verts.add(Math.floor(k / ctx.size));
    verts.add(k % ctx.size);
  }
  return { edges, start: dfg.start, end: dfg.end, vertices: dfg.vertices.filter((v) => verts.has(v)) };
}
