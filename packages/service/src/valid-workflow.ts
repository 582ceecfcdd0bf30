import type { ValidationReport, Workflow } from '@sopflow/format';
import { checkName } from './check-text.js';
import type { ServiceError } from './service-error.js';

/**
 * Pure; the workflow a validation report found, its name checked (`checkName`): the one way a
 * service path takes a stored document's workflow. A report without a valid workflow throws
 * `refuse(report)`, the caller's invalid_document.
 */
export function validWorkflowOf(report: ValidationReport, refuse: (report: ValidationReport) => ServiceError): Workflow {
  if (!report.valid || report.workflow === undefined || report.kind !== 'workflow') throw refuse(report);
  checkName(report.workflow.name, 'name');
  return report.workflow;
}
