import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { Workflow } from '../model/workflow.js';
import { kindFromFileName, type SourceKind } from '../parse/detect-kind.js';
import { parseSource, sortByPosition } from '../parse/parse-source.js';
import { checkSchema, type CompatLevel } from '../schema/check-schema.js';
import { normaliseWorkflow } from '../normalise/normalise-workflow.js';
import { runRules } from '../validate/run-rules.js';
import type { RuleContext } from '../validate/rule.js';
import { checkReferenceIntegrity } from './reference-integrity.js';

export interface ValidateOptions {
  /** `sopflow` (default): both OSOP styles, extensions and the semantic rules; `core` / `full`: exactly OSOP's schema + its CLI's reference checks. */
  compat?: CompatLevel;
  /** Lets the workflow_ref rules follow references when the caller can load files. */
  resolveWorkflowRef?: RuleContext['resolveWorkflowRef'];
}

/** The verdict on one document. `valid` is false when any diagnostic is an error. */
export interface ValidationReport {
  file?: string;
  kind: SourceKind;
  valid: boolean;
  diagnostics: Diagnostic[];
  /** The normalised workflow (sopflow level, when the schema passed). */
  workflow?: Workflow;
}

/**
 * Pure and total: never throws, whatever the input. Parse → schema at the chosen level →
 * (workflows) OSOP's reference checks at core/full, or normalise + every semantic rule at the
 * sopflow level. Diagnostics come sorted by position.
 * @example validateSource(text, 'deploy.osop', { compat: 'full' }).valid
 */
export function validateSource(text: string | Uint8Array, file?: string, options: ValidateOptions = {}): ValidationReport {
  const level = options.compat ?? 'sopflow';
  try {
    return validate(text, file, level, options);
  } catch (error) {
    // Defensive: a bug must surface as a diagnostic, not a crash of the caller.
    const diagnostic: Diagnostic = {
      code: 'internal-error', severity: 'error', file, line: 1, column: 1,
      message: `sopflow could not check this document: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'this is a bug in sopflow; please report it with the document',
    };
    return { file, kind: kindFromFileName(file) ?? 'workflow', valid: false, diagnostics: [diagnostic] };
  }
}

function validate(text: string | Uint8Array, file: string | undefined, level: CompatLevel, options: ValidateOptions): ValidationReport {
  const parsed = parseSource(text, file);
  const source = parsed.source;
  if (!source) return { file, kind: kindFromFileName(file) ?? 'workflow', valid: false, diagnostics: parsed.diagnostics };
  const diagnostics = checkSchema(source, level);
  let workflow: Workflow | undefined;
  if (source.kind === 'workflow') {
    if (level !== 'sopflow' || hasErrors(diagnostics)) {
      diagnostics.push(...checkReferenceIntegrity(source));
    } else {
      workflow = normaliseWorkflow(source).workflow;
      if (workflow) {
        const ctx: RuleContext = { workflow, file, locate: source.locate };
        if (options.resolveWorkflowRef) ctx.resolveWorkflowRef = options.resolveWorkflowRef;
        diagnostics.push(...runRules(ctx));
      }
    }
  }
  const sorted = sortByPosition(diagnostics.map((d) => (d.file === undefined && file !== undefined ? { ...d, file } : d)));
  const report: ValidationReport = { file, kind: source.kind, valid: !hasErrors(sorted), diagnostics: sorted };
  if (workflow) report.workflow = workflow;
  return report;
}
