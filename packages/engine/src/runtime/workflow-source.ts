import { createHash } from 'node:crypto';
import { hasErrors, loadWorkflow, type Diagnostic, type Workflow } from '@sopflow/format';
import { EngineError } from './engine-error.js';

/** A workflow together with the exact text a run is pinned to and its content hash. */
export interface WorkflowSource {
  workflow: Workflow;
  text: string;
  hash: string;
}

/** SHA-256 of the text, hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads workflow text: `.osop` YAML/JSON through @sopflow/format, or a serialised Workflow model
 * (JSON with `style`, `nodes` and `edges`, as `sourceFromWorkflow` writes). Errors raise EngineError.
 */
export function parseWorkflowSource(text: string, file?: string): WorkflowSource {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{"style"')) {
    const workflow = JSON.parse(text) as Workflow;
    return { workflow, text, hash: contentHash(text) };
  }
  const loaded = loadWorkflow(text, file);
  if (loaded.workflow === undefined || hasErrors(loaded.diagnostics)) {
    const first = loaded.diagnostics.find((d: Diagnostic) => d.severity === 'error');
    throw new EngineError('workflow_unavailable', `${file ?? 'workflow'}${first === undefined ? '' : `:${first.line}:${first.column}`}: ${first?.message ?? 'not a workflow'}`, loaded.diagnostics);
  }
  return { workflow: loaded.workflow, text, hash: contentHash(text) };
}

/** A source for a Workflow built in code (tests, spawned single-step children). */
export function sourceFromWorkflow(workflow: Workflow): WorkflowSource {
  const text = JSON.stringify(workflow);
  return { workflow, text, hash: contentHash(text) };
}
