import type { Workflow } from '@sopflow/format';
import type { SynthesisChange, SynthesisRemoval } from './synthesis-change.js';
import { citeRuns } from './synthesis-change.js';

/**
 * Pure; the markdown rationale of a synthesised draft: one entry per change, each citing its
 * counts and runs, then a section listing every removal from the base a person must confirm.
 */
export function renderRationale(workflow: Workflow, changes: readonly SynthesisChange[], runs: number, removals: readonly SynthesisRemoval[] = []): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = [
    `# Rationale for ${workflow.id} ${workflow.version ?? ''} (draft)`.trimEnd(),
    '',
    `Synthesised from ${runs} runs: ${workflow.nodes.length} steps, ${workflow.edges.length} edges. A draft: a person reviews and approves it before it is used.`,
    '',
    '| # | change | steps | evidence |',
    '| --- | --- | --- | --- |',
    ...changes.map((c, i) => `| ${i + 1} | ${c.kind} | ${c.nodes.join(', ')} | ${cell(c.message)} (${c.evidence.count}/${c.evidence.of}; runs ${citeRuns(c.evidence.runIds)}) |`),
    '',
  ];
  if (removals.length > 0) {
    lines.push(
      '## Removals a person must confirm',
      '',
      `The draft no longer has ${removals.length === 1 ? 'this safety element' : `these ${removals.length} safety elements`} of the base process. Confirm each before the draft is used, or put it back.`,
      '',
      '| # | removal | steps | what and evidence |',
      '| --- | --- | --- | --- |',
      ...removals.map((r, i) => `| ${i + 1} | ${r.kind} | ${r.nodes.join(' → ')} | ${cell(r.message)} (${r.evidence.count}/${r.evidence.of}; runs ${citeRuns(r.evidence.runIds)}) |`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
