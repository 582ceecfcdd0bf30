import type { Diagnostic } from '../../model/diagnostic.js';
import type { EdgeMode } from '../../model/edge-mode.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

const NAMED_MODES: ReadonlySet<EdgeMode> = new Set<EdgeMode>(['event', 'signal', 'message']);

/**
 * Warning: an `event`, `signal` or `message` edge that names nothing to wait for or send. OSOP
 * Full has no field for it, so OSOP documents often leave it out; the engine then waits for an
 * event named after the edge's label or target.
 */
export const eventWithoutName: Rule = {
  code: 'event-without-name',
  name: 'Event edges name their event',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const edge of ctx.workflow.edges) {
      if (!NAMED_MODES.has(edge.mode) || (edge.event !== undefined && edge.event.trim() !== '')) continue;
      diagnostics.push(diagnosticAt(ctx, edge.path, {
        code: this.code,
        severity: 'warning',
        message: `${edge.mode} edge ${edge.from} → ${edge.to} does not name the ${edge.mode} it ${edge.mode === 'message' ? 'sends' : 'waits for'}; the engine will use "${edge.label ?? edge.to}"`,
        hint: `add event: <name>, e.g. event: ${edge.to}.ready`,
      }));
    }
    return diagnostics;
  },
};
