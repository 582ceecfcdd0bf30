import type { Workflow } from '@sopflow/format';
import { idealPath, type IdealStep } from './ideal-path.js';
import { isConverted, matchIdealStep, type JourneySession } from './journey-session.js';

/** How many sessions reached one step of the ideal journey, and how many of those who reached the step before it did not. */
export interface FunnelStep {
  id: string;
  name: string;
  /** Sessions that reached this step after every step before it (in order; detours between them allowed). */
  reached: number;
  /** reached ÷ all sessions of the group (0 when there are none). */
  share: number;
  /** Sessions that reached the step before but not this one (for the first step: sessions that never reached it). */
  dropped: number;
  /** dropped ÷ sessions that reached the step before (for the first step: ÷ all sessions). */
  dropRate: number;
}

/** An off-path sequence: steps taken between leaving the ideal path after `after` and coming back to it (or leaving). */
export interface Detour {
  /** The last ideal step reached before the detour, or null when it came before the first. */
  after: string | null;
  steps: string[];
  /** Sessions that took this detour at least once. */
  sessions: number;
}

export interface FunnelGroup {
  sessions: number;
  /** Sessions that reported the conversion outcome. */
  converted: number;
  conversionRate: number;
  /** Sessions that reached the last ideal step. */
  completed: number;
  steps: FunnelStep[];
  /** The commonest detours, most sessions first (ties: fewer steps, then by name). */
  detours: Detour[];
}

export interface JourneyFunnel {
  journey: { id: string; name: string };
  path: IdealStep[];
  all: FunnelGroup;
  humans: FunnelGroup;
  agents: FunnelGroup;
}

export interface JourneyFunnelOptions {
  /** How many detours to keep per group (default 5). */
  topDetours?: number;
}

/**
 * Pure; the funnel of sessions along the ideal journey's main path (`idealPath`): how many reached
 * each step in order, the drop-off per step, and the commonest off-path sequences — for all
 * sessions, people's and agents' apart.
 */
export function journeyFunnel(ideal: Workflow, sessions: readonly JourneySession[], options: JourneyFunnelOptions = {}): JourneyFunnel {
  const path = idealPath(ideal);
  const group = (members: readonly JourneySession[]) => funnelGroup(path, members, options.topDetours ?? 5);
  return {
    journey: { id: ideal.id, name: ideal.name }, path,
    all: group(sessions),
    humans: group(sessions.filter((s) => s.agent === undefined)),
    agents: group(sessions.filter((s) => s.agent !== undefined)),
  };
}

interface Walk {
  /** How many ideal steps the session reached in order. */
  progress: number;
  detours: { after: string | null; steps: string[] }[];
}

/** Pure; follows one session along the path: an event that is the next ideal step advances it; anything else (another page, a step revisited or skipped ahead to) is off the path. */
function walk(path: readonly IdealStep[], session: JourneySession): Walk {
  let progress = 0;
  const detours: Walk['detours'] = [];
  let off: string[] = [];
  const close = () => {
    if (off.length > 0) detours.push({ after: progress === 0 ? null : path[progress - 1]!.id, steps: off });
    off = [];
  };
  for (const event of session.events) {
    const next = path[progress];
    if (next !== undefined && matchIdealStep(event.step, [next]) !== undefined) {
      close();
      progress += 1;
    } else {
      off.push(matchIdealStep(event.step, path)?.id ?? event.step);
    }
  }
  close();
  return { progress, detours };
}

function funnelGroup(path: readonly IdealStep[], sessions: readonly JourneySession[], topDetours: number): FunnelGroup {
  const walks = sessions.map((s) => walk(path, s));
  const total = sessions.length;
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const steps = path.map((step, i): FunnelStep => {
    const reached = walks.filter((w) => w.progress > i).length;
    const before = i === 0 ? total : walks.filter((w) => w.progress > i - 1).length;
    return { id: step.id, name: step.name, reached, share: ratio(reached, total), dropped: before - reached, dropRate: ratio(before - reached, before) };
  });
  const converted = sessions.filter(isConverted).length;
  return {
    sessions: total, converted, conversionRate: ratio(converted, total), completed: walks.filter((w) => path.length > 0 && w.progress === path.length).length,
    steps, detours: commonestDetours(walks, topDetours),
  };
}

function commonestDetours(walks: readonly Walk[], top: number): Detour[] {
  const counts = new Map<string, Detour>();
  for (const w of walks) {
    const keys = new Set<string>();
    for (const d of w.detours) {
      const key = JSON.stringify([d.after, d.steps]);
      if (keys.has(key)) continue;
      keys.add(key);
      const seen = counts.get(key) ?? { after: d.after, steps: d.steps, sessions: 0 };
      seen.sessions += 1;
      counts.set(key, seen);
    }
  }
  return [...counts.entries()]
    .sort(([ka, a], [kb, b]) => b.sessions - a.sessions || a.steps.length - b.steps.length || ka.localeCompare(kb))
    .slice(0, top).map(([, d]) => d);
}
