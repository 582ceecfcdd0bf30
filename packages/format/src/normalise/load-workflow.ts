import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { Workflow } from '../model/workflow.js';
import { parseSource, sortByPosition, type SourceDocument } from '../parse/parse-source.js';
import { checkSchema } from '../schema/check-schema.js';
import { normaliseWorkflow } from './normalise-workflow.js';

export interface LoadWorkflowResult {
  workflow?: Workflow;
  /** The parsed document, when parsing succeeded (for positions and formatting). */
  source?: SourceDocument;
  diagnostics: Diagnostic[];
}

/**
 * Pure; text → normalised Workflow: parse, check against the sopflow schema, normalise. No
 * workflow is returned when any step reports an error; warnings come back with the workflow.
 * Semantic rules are not run here (see `validateSource`).
 * @example const { workflow, diagnostics } = loadWorkflow(text, 'deploy.osop');
 */
export function loadWorkflow(text: string | Uint8Array, file?: string): LoadWorkflowResult {
  const parsed = parseSource(text, file);
  if (!parsed.source) return { diagnostics: parsed.diagnostics };
  const source = parsed.source;
  if (source.kind !== 'workflow') {
    return {
      source,
      diagnostics: [{
        code: 'not-a-workflow', severity: 'error', file, line: 1, column: 1,
        message: `this is ${source.kind === 'log' ? 'an execution log (.osoplog)' : 'a collection (.sop)'}, not a workflow`,
        hint: 'workflows are .osop files with osop_version, id, name and nodes',
      }],
    };
  }
  const diagnostics = checkSchema(source, 'sopflow');
  if (hasErrors(diagnostics)) return { source, diagnostics: sortByPosition(diagnostics) };
  const normalised = normaliseWorkflow(source);
  diagnostics.push(...normalised.diagnostics);
  return { workflow: normalised.workflow, source, diagnostics: sortByPosition(diagnostics) };
}
