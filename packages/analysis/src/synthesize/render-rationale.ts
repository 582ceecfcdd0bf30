import type { Workflow } from '@sopflow/format';
import type { SynthesisChange } from './synthesis-change.js';
import { citeRuns } from './synthesis-change.js';

/** Pure; the markdown rationale of a synthesised draft: one entry per change, each citing its counts and runs. */
export function renderRationale(workflow: Workflow, changes: readonly SynthesisChange[], runs: number): string {
  const lines = [
    `# Rationale for ${workflow.id} ${workflow.version ?? ''} (draft)`.trimEnd(),
    '',
    `Synthesised from ${runs} runs: ${workflow.nodes.length} steps, ${workflow.edges.length} edges. A draft: a person reviews and approves it before it is used.`,
    '',
    '| # | change | steps | evidence |',
    '| --- | --- | --- | --- |',
    ...changes.map((c, i) => `| ${i + 1} | ${c.kind} | ${c.nodes.join(', ')} | ${c.message.replace(/\|/g, '\\|')} (${c.evidence.count}/${c.evidence.of}; runs ${citeRuns(c.evidence.runIds)}) |`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
