import type { InterchangeLoss } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';

export const EXPORT_FORMATS = ['osop', 'bpmn', 'pnml', 'ptml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The exported text and what the target format could not carry (print each as a warning). */
export interface ExportedProcess {
  format: ExportFormat;
  text: string;
  losses: InterchangeLoss[];
}

/**
 * Writes a process for another tool: `osop` (OSOP's Full schema, sopflow's keys under x-sopflow),
 * `bpmn` (BPMN 2.0 with a layout), `pnml` (the Petri net conformance checks it with) or `ptml`
 * (a process tree; only for block-structured processes, else `invalid_request` saying where).
 * An unknown format is `invalid_request`.
 */
export async function exportProcess(input: { workflow: Workflow; to: string }): Promise<ExportedProcess> {
  const { workflow } = input;
  switch (input.to) {
    case 'osop': {
      const { exportOsop } = await import('@sopflow/format');
      return { format: 'osop', text: exportOsop(workflow), losses: [] };
    }
    case 'bpmn': {
      const { workflowToBpmn } = await import('@sopflow/analysis');
      const { value, losses } = await workflowToBpmn(workflow);
      return { format: 'bpmn', text: value, losses };
    }
    case 'pnml': {
      const { workflowToPetriNet, writePnml } = await import('@sopflow/analysis');
      return { format: 'pnml', text: writePnml(workflowToPetriNet(workflow), { id: workflow.id, name: workflow.name }), losses: [] };
    }
    case 'ptml': {
      const { workflowToTree, writePtml } = await import('@sopflow/analysis');
      const result = workflowToTree(workflow);
      if ('error' in result) throw new ServiceError('invalid_request', `${workflow.id} cannot be written as a process tree: ${result.error}; export --to pnml instead`);
      return { format: 'ptml', text: writePtml(result.tree, { name: workflow.name }), losses: result.losses };
    }
    default:
      throw new ServiceError('invalid_request', `--to must be one of ${EXPORT_FORMATS.join(', ')}, not "${input.to}"`);
  }
}
