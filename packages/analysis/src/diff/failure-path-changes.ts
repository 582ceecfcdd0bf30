import { edgeModeTraits, isEdgeMode, isHighRisk } from '@sopflow/format';
import type { Workflow } from '@sopflow/format';
import type { EdgeRef, WorkflowDiff } from './diff-workflows.js';
import type { ChangeSeverity } from './semantic-summary.js';

type Add = (code: string, severity: ChangeSeverity, message: string, nodes: string[]) => void;

/**
 * Pure; failure paths (error, timeout, fallback and compensation edges, by the one edge-mode rule)
 * removed or added between two versions: removed ones are warnings, critical when they leave a
 * high-risk step; an edge whose mode stops being a failure path counts as removed.
 * @example "failure path removed: deploy → rollback (error)"
 */
export function summariseFailurePaths(a: Workflow, b: Workflow, diff: WorkflowDiff, add: Add): void {
  const risky = (id: string): boolean => [...b.nodes, ...a.nodes].some((n) => n.id === id && isHighRisk(n));
  const severity = (from: string): ChangeSeverity => (risky(from) ? 'critical' : 'warning');
  for (const e of diff.edges.removed) {
    if (isFailureMode(e.mode)) add('failure-path-removed', severity(e.from), `${pathWord(e.mode)} removed: ${arrow(e)} (${e.mode})`, [e.from, e.to]);
  }
  for (const e of diff.edges.added) {
    if (isFailureMode(e.mode)) add('failure-path-added', 'info', `${pathWord(e.mode)} added: ${arrow(e)} (${e.mode})`, [e.from, e.to]);
  }
  for (const e of diff.edges.changed) {
    const mode = e.fields.find((f) => f.field === 'mode');
    if (mode === undefined) continue;
    const before = String(mode.before);
    const after = String(mode.after);
    if (isFailureMode(before) && !isFailureMode(after)) {
      add('failure-path-removed', severity(e.from), `${pathWord(before)} removed: ${arrow(e)} (${before}, now ${after})`, [e.from, e.to]);
    } else if (!isFailureMode(before) && isFailureMode(after)) {
      add('failure-path-added', 'info', `${pathWord(after)} added: ${arrow(e)} (${after}, was ${before})`, [e.from, e.to]);
    }
  }
}

function isFailureMode(mode: string): boolean {
  return isEdgeMode(mode) && edgeModeTraits(mode).failurePath;
}

function pathWord(mode: string): string {
  return isEdgeMode(mode) && edgeModeTraits(mode).undo ? 'undo path' : 'failure path';
}

function arrow(e: Pick<EdgeRef, 'from' | 'to'>): string {
  return `${e.from} → ${e.to}`;
}
