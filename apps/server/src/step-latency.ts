import type { Change } from './change-feed.js';

/** Upper bounds (seconds) of the step latency histogram's buckets. */
export const LATENCY_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 1800, 3600, 86400] as const;

/** A Prometheus histogram of step latency (scheduled or started → completed or failed), fed by the change feed. */
export interface StepLatency {
  observe(change: Change): void;
  /** The histogram in Prometheus text format. */
  render(): string;
}

/** A step latency histogram; keeps the start of each step activation until it ends. */
export function createStepLatency(): StepLatency {
  const started = new Map<string, number>();
  const counts = LATENCY_BUCKETS.map(() => 0);
  let count = 0;
  let sum = 0;
  return {
    observe(change) {
      const data = change.data as { nodeId?: string; activation?: number };
      if (data?.nodeId === undefined) return;
      const key = `${change.runId}/${data.nodeId}/${data.activation ?? 0}`;
      if (change.type === 'StepScheduled' || change.type === 'StepStarted') {
        if (!started.has(key)) started.set(key, Date.parse(change.at));
        return;
      }
      if (change.type !== 'StepCompleted' && change.type !== 'StepFailed') return;
      const from = started.get(key);
      started.delete(key);
      if (from === undefined) return;
      const seconds = Math.max(0, (Date.parse(change.at) - from) / 1000);
      count += 1;
      sum += seconds;
      LATENCY_BUCKETS.forEach((bound, i) => { if (seconds <= bound) counts[i]! += 1; });
    },
    render() {
      const lines = ['# HELP sopflow_step_latency_seconds Time from a step being scheduled or started to its completion or failure.', '# TYPE sopflow_step_latency_seconds histogram'];
      LATENCY_BUCKETS.forEach((bound, i) => lines.push(`sopflow_step_latency_seconds_bucket{le="${bound}"} ${counts[i]}`));
      lines.push(`sopflow_step_latency_seconds_bucket{le="+Inf"} ${count}`, `sopflow_step_latency_seconds_sum ${sum}`, `sopflow_step_latency_seconds_count ${count}`);
      return lines.join('\n');
    },
  };
}
