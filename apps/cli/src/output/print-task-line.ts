import type { TaskView } from '@sopflow/service';

/** One open task on one line, with the agent's proposal (and confidence) when it is a review, and the command that answers it. */
export function printTaskLine(t: TaskView): string {
  const role = t.role === null ? '' : `  role ${t.role}`;
  const reason = t.reason === null ? '' : `  (${t.reason})`;
  const answer = t.kind === 'approval' || t.kind === 'auth' || t.proposal !== null ? 'approve' : 'task complete';
  const proposal = t.proposal === null ? '' : `\n    proposal${t.confidence === null ? '' : ` (confidence ${t.confidence})`}: ${JSON.stringify(t.proposal)} — \`sopflow approve ${t.id}\` accepts, \`--data JSON\` corrects, \`sopflow deny ${t.id} --reason R\` rejects`;
  return `${t.id}  ${t.kind.padEnd(15)} ${t.title}  run ${t.run}${role}${reason} — \`sopflow ${answer} ${t.id}\`${proposal}`;
}
