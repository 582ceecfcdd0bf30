import { validateSource } from '@sopflow/format';
import { importDocument as readProcedures, toOsopDraft, type ImportedSop } from '@sopflow/importer';
import { ServiceError } from '../service-error.js';
import { createSop, diagnosticDetails } from '../process-os/create-sop.js';
import type { SopDetail } from '../process-os/sop-views.js';
import { requirePermission, type ProcessContext } from '../process-os/tenant-actor.js';

export interface ImportDocumentInput {
  /** The document's name; its extension says the format (.md, .docx, .pdf, .html, .txt, .rst…). */
  fileName: string;
  /** The document as text (Markdown, HTML, plain text) … */
  text?: string;
  /** … or as bytes (Word, PDF, or any of the text formats). */
  bytes?: Uint8Array;
  workstreamId?: string;
}

/** What an import stored: one draft SOP per procedure found, and the importer's warnings. */
export interface ImportDocumentResult {
  file: string;
  format: string;
  sha256: string;
  drafts: SopDetail[];
  warnings: { code: string; message: string }[];
}

/** Documents larger than this are refused (the importer's own limit is 25 MB; an upload through an agent is smaller). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * Imports a document's procedures (@sopflow/importer: Markdown, Word, PDF, HTML, text) into the
 * caller's tenant library as **drafts only** (needs sops.write; a person reviews and publishes):
 * one SOP per procedure, its steps in order with a 1-based `sequence_order`, titles without
 * "Step N" prefixes. A document the importer cannot read, or one with no procedure, is
 * invalid_input with the importer's diagnostics; every draft is validated before any is stored, so
 * a refusal stores nothing.
 */
export async function importDocument(ctx: ProcessContext, input: ImportDocumentInput): Promise<ImportDocumentResult> {
  requirePermission(ctx, 'sops.write');
  if (typeof input.fileName !== 'string' || input.fileName.trim() === '') throw new ServiceError('invalid_request', 'give the document\'s file name (its extension says the format)', { field: 'fileName' });
  if ((input.text === undefined) === (input.bytes === undefined)) throw new ServiceError('invalid_request', 'give the document as text or as bytes (one of them)', { field: 'text' });
  const bytes = input.bytes ?? new TextEncoder().encode(input.text);
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ServiceError('too_large', `the document is larger than ${MAX_IMPORT_BYTES} bytes`, { maxBytes: MAX_IMPORT_BYTES });
  const result = await readProcedures(bytes, input.fileName, { maxBytes: MAX_IMPORT_BYTES });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.sops.length === 0) {
    const first = errors[0];
    // The importer's message may already name the file: name it once.
    const said = first === undefined ? 'no procedure found' : `${first.message.startsWith(`${input.fileName}: `) ? first.message.slice(input.fileName.length + 2) : first.message} (${first.code})`;
    throw new ServiceError('invalid_input', `${input.fileName}: ${said}`, {
      diagnostics: result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
    });
  }
  const meta = { fileName: result.file, sha256: result.sha256, ...(result.format === undefined ? {} : { format: result.format }), ...(result.pageCount === undefined ? {} : { pageCount: result.pageCount }) };
  const texts = result.sops.map((sop) => toOsopDraft(withoutStepPrefixes(sop), meta));
  for (const [index, text] of texts.entries()) {
    const report = validateSource(text, 'draft.osop');
    if (!report.valid) {
      throw new ServiceError('invalid_document', `the draft made from procedure ${index + 1} ("${result.sops[index]!.title}") does not validate; nothing was stored`, diagnosticDetails(report.diagnostics.filter((d) => d.severity === 'error')));
    }
  }
  const drafts: SopDetail[] = [];
  for (const osop of texts) drafts.push(await createSop(ctx, { osop, ...(input.workstreamId === undefined ? {} : { workstreamId: input.workstreamId }) }));
  return {
    file: result.file, format: result.format ?? 'unknown', sha256: result.sha256, drafts,
    warnings: result.diagnostics.filter((d) => d.severity === 'warning').map((d) => ({ code: d.code, message: d.message })),
  };
}

const STEP_LABEL = String.raw`(?:step|schritt|étape|paso|passo)\s*\d+(?:\.\d+)*`;
/** "Step 3: Do it" → "Do it". */
const STEP_PREFIX = new RegExp(`^\\s*${STEP_LABEL}\\s*[:.)\\-–—]\\s*`, 'i');
/** A title that is only a label ("Step 3"): the step's words are in its description. */
const ONLY_LABEL = new RegExp(`^\\s*${STEP_LABEL}\\s*[:.)\\-–—]?\\s*$`, 'i');

/**
 * Pure; the SOP with "Step N" taken off its step titles (the order lives in sequence_order). A
 * title that was only "Step N" takes the first sentence of the description, which keeps the rest.
 */
export function withoutStepPrefixes(sop: ImportedSop): ImportedSop {
  return {
    ...sop,
    steps: sop.steps.map((step) => {
      if (ONLY_LABEL.test(step.title) && step.description.trim() !== '') {
        const [first = '', ...rest] = step.description.trim().split(/(?<=[.!?])\s+/);
        return { ...step, title: first.replace(/[.!?]$/, '').replace(STEP_PREFIX, ''), description: rest.join(' ') };
      }
      const title = step.title.replace(STEP_PREFIX, '').trim();
      return { ...step, title: title === '' ? step.title : title };
    }),
  };
}
