import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { diagnosticAt, existingPath } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: a timeout, SLA or approval deadline that is zero, negative or not a number. */
export const nonPositiveTimeout: Rule = {
  code: 'non-positive-timeout',
  name: 'Timeouts are positive',
  check(ctx) {
    const { workflow } = ctx;
    const diagnostics: Diagnostic[] = [];
    // `path` is a thunk: positions are looked up only for bad values.
    const check = (value: number | undefined, path: () => DocumentPath, what: string, unit: string): void => {
      if (value === undefined || (Number.isFinite(value) && value > 0)) return;
      diagnostics.push(diagnosticAt(ctx, path(), {
        code: 'non-positive-timeout',
        severity: 'error',
        message: `${what} is ${String(value)} ${unit}; it must be greater than zero`,
        hint: 'give a positive duration, or remove the field for no limit',
      }));
    };
    check(workflow.timeoutSec, () => ['timeout_sec'], 'workflow timeout_sec', 'seconds');
    for (const node of workflow.nodes) {
      if (node.timeoutSec === undefined && node.sla === undefined && node.approvalGate === undefined) continue;
      const label = `node "${node.id}"`;
      check(node.timeoutSec, () => existingPath(ctx, node.path, ['timeout_sec', 'timeout']), `${label} timeout`, 'seconds');
      check(node.sla?.dueSec, () => [...node.path, 'sla'], `${label} SLA`, 'seconds');
      check(node.approvalGate?.timeoutHours, () => [...node.path, 'approval_gate', 'timeout_hours'], `${label} approval timeout_hours`, 'hours');
    }
    return diagnostics;
  },
};
