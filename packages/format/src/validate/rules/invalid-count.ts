import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/**
 * Error: a count that must be a positive whole number is not — `max_iterations`, `spawn_count`,
 * `spawn_policy.max_children` — or a retry setting is negative (`max_retries`, `backoff_sec`).
 */
export const invalidCount: Rule = {
  code: 'invalid-count',
  name: 'Counts are positive whole numbers',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    const check = (value: number | undefined, path: DocumentPath, what: string, minimum: 0 | 1, whole: boolean): void => {
      diagnostics.push(diagnosticAt(ctx, path, {
        code: 'invalid-count',
        severity: 'error',
        message: `${what} is ${String(value)}; it must be ${whole ? 'a whole number' : 'a number'} ≥ ${minimum}`,
      }));
    };
    // Runs for every edge and node: build paths and labels only for bad values.
    const bad = (value: number | undefined, minimum: 0 | 1, whole: boolean): value is number =>
      value !== undefined && !(Number.isFinite(value) && value >= minimum && (!whole || Number.isInteger(value)));
    for (const edge of ctx.workflow.edges) {
      if (edge.maxIterations === undefined && edge.spawnCount === undefined) continue;
      const label = `edge ${edge.from} → ${edge.to}`;
      if (bad(edge.maxIterations, 1, true)) check(edge.maxIterations, [...edge.path, 'max_iterations'], `${label} max_iterations`, 1, true);
      if (bad(edge.spawnCount, 1, true)) check(edge.spawnCount, [...edge.path, 'spawn_count'], `${label} spawn_count`, 1, true);
    }
    for (const node of ctx.workflow.nodes) {
      if (node.spawnPolicy === undefined && node.retryPolicy === undefined) continue;
      const label = `node "${node.id}"`;
      const maxChildren = node.spawnPolicy?.maxChildren;
      if (bad(maxChildren, 1, true)) check(maxChildren, [...node.path, 'spawn_policy', 'max_children'], `${label} max_children`, 1, true);
      const retry = node.retryPolicy;
      if (retry === undefined) continue;
      if (bad(retry.maxRetries, 0, true)) check(retry.maxRetries, [...node.path, 'retry_policy', 'max_retries'], `${label} max_retries`, 0, true);
      if (bad(retry.backoffSec, 0, false)) check(retry.backoffSec, [...node.path, 'retry_policy', 'backoff_sec'], `${label} backoff_sec`, 0, false);
      if (bad(retry.maxBackoffSec, 0, false)) check(retry.maxBackoffSec, [...node.path, 'retry_policy', 'max_backoff_sec'], `${label} max_backoff_sec`, 0, false);
    }
    return diagnostics;
  },
};
