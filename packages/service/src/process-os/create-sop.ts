import { validateSource, type Diagnostic, type ValidationReport } from '@sopflow/format';
import { contentHash } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { validWorkflowOf } from '../valid-workflow.js';
import { createId } from './create-id.js';
import { getSop } from './get-sop.js';
import type { SopDetail } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';
import { writeLibrary } from './change-counters.js';

export interface CreateSopInput {
  /** The .osop text (YAML or JSON). */
  osop: string;
  workstreamId?: string;
  allowOverlap?: boolean;
}

/** Pure; diagnostics as an error's details: code, message, severity, line and column (1-based). */
export function diagnosticDetails(diagnostics: readonly Diagnostic[]): { diagnostics: { code: string; severity: string; message: string; line: number; column: number }[] } {
  return { diagnostics: diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column })) };
}

/** Pure; invalid_document (422) for a report without a valid workflow: the first error's line and column in the message, every error diagnostic (else every diagnostic) in the details, with `extra`. */
export function notAWorkflow(report: ValidationReport, extra: { text?: string } = {}): ServiceError {
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const where = first === undefined ? '' : ` (line ${first.line}, column ${first.column}: ${first.message})`;
  return new ServiceError('invalid_document', `the .osop document is not a valid workflow${where}`, { ...diagnosticDetails(errors.length > 0 ? errors : report.diagnostics), ...extra });
}

/**
 * Creates a draft SOP from .osop text in the actor's tenant, with its first immutable version
 * (semver from the document's `version`, else 1.0.0; content hash; uncertified). A document that
 * does not validate is invalid_document (422) with every diagnostic's line and column; nothing is stored.
 * Recorded in the admin audit log (`sop.create`).
 */
export async function createSop(ctx: ProcessContext, input: CreateSopInput): Promise<SopDetail> {
  const actor = requirePermission(ctx, 'sops.write');
  if (typeof input.osop !== 'string' || input.osop.trim() === '') throw new ServiceError('invalid_request', 'give the SOP as .osop text in "osop"', { field: 'osop' });
  const workflow = validWorkflowOf(validateSource(input.osop, 'sop.osop'), (report) => notAWorkflow(report));
  const records = recordsOf(ctx.store);
  if (input.workstreamId !== undefined && await serviceCall(() => records.sops.findWorkstream(actor.tenantId, input.workstreamId!)) === undefined) {
    throw new ServiceError('not_found', `no workstream ${input.workstreamId}`, { field: 'workstreamId' });
  }
  const now = new Date();
  const at = now.toISOString();
  const sopId = createId('sop', now);
  const versionId = createId('ver', now);
  await writeLibrary(ctx.store, actor.tenantId, () => records.sops.insertSop(
    {
      id: sopId, tenantId: actor.tenantId, workstreamId: input.workstreamId ?? null, workflowId: workflow.id, title: workflow.name,
      description: workflow.description ?? null, status: 'draft', allowOverlap: input.allowOverlap === true, isPublic: false, currentVersionId: versionId,
      createdBy: actor.name, createdAt: at, updatedAt: at,
    },
    {
      id: versionId, tenantId: actor.tenantId, sopId, semver: workflow.version ?? '1.0.0', contentHash: contentHash(input.osop), text: input.osop,
      certification: 'uncertified', approvedBy: null, approvedAt: null, createdBy: actor.name, createdAt: at,
    },
  ));
  await serviceCall(() => records.audit.record({
    id: createId('au', now), tenantId: actor.tenantId, at, actor: actor.name, action: 'sop.create', target: sopId, details: { version: versionId, workflowId: workflow.id, workstreamId: input.workstreamId ?? null },
  }));
  return getSop(ctx, sopId);
}
