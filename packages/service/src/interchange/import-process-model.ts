import type { InterchangeLoss } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';

/** File extensions `importProcessModel` reads (BPMN 2.0, PNML Petri nets, PTML process trees). */
export const PROCESS_MODEL_EXTENSIONS = ['.bpmn', '.pnml', '.ptml'] as const;

/** True when the file name ends in one of PROCESS_MODEL_EXTENSIONS. */
export function isProcessModelFile(file: string): boolean {
  const lower = file.toLowerCase();
  return PROCESS_MODEL_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * Reads a process model from another tool as a draft workflow, with what it could not carry
 * across: BPMN (`bpmnToWorkflow`), PNML (`readPnml` + `netToWorkflow`) or PTML (`readPtml` +
 * `treeToWorkflow`). Unreadable input is `invalid_data` naming the file (and line when known).
 */
export async function importProcessModel(input: { text: string; file: string; id?: string }): Promise<{ workflow: Workflow; losses: InterchangeLoss[] }> {
  const analysis = await import('@sopflow/analysis');
  const base = input.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const id = input.id ?? (base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'imported');
  const lower = input.file.toLowerCase();
  try {
    if (lower.endsWith('.bpmn')) {
      const { value, losses } = await analysis.bpmnToWorkflow(input.text, { id });
      return { workflow: value, losses };
    }
    if (lower.endsWith('.pnml')) {
      const { value, losses } = analysis.netToWorkflow(analysis.readPnml(input.text), { id, name: base });
      return { workflow: value, losses };
    }
    if (lower.endsWith('.ptml')) {
      return { workflow: analysis.treeToWorkflow(analysis.readPtml(input.text), { id, name: base, description: 'Imported from a process tree (PTML); review before use.' }), losses: [] };
    }
  } catch (error) {
    const where = analysis.isLogReadError(error) && error.line !== undefined ? `:${error.line}` : '';
    throw new ServiceError('invalid_data', `${input.file}${where}: ${(error as Error).message}`);
  }
  throw new ServiceError('invalid_request', `${input.file}: not a process model (${PROCESS_MODEL_EXTENSIONS.join(', ')})`);
}
