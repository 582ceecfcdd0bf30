import type { Diagnostic, DocumentPath, SourceLocation } from '../model/diagnostic.js';
import type { Workflow } from '../model/workflow.js';

/** What every semantic rule sees: the normalised workflow and a way back to source positions. */
export interface RuleContext {
  workflow: Workflow;
  file?: string;
  /** Position of a path in the raw document; falls back to the nearest ancestor that has one. */
  locate(path: DocumentPath): SourceLocation;
  /** Resolves a `workflow_ref` to the referenced workflow, when the caller can load files. */
  resolveWorkflowRef?: (ref: string, from: Workflow) => Workflow | undefined;
  /** The source text, when available: lets rules point inside a value (a CEL error's character). */
  text?: string;
}

/** One semantic rule: a stable code, a name, and a pure check. One rule per file under `validate/rules/`. */
export interface Rule {
  code: string;
  name: string;
  check(ctx: RuleContext): Diagnostic[];
}
