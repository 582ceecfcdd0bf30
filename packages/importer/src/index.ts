/**
 * @sopflow/importer — documents (markdown, docx, pdf, html, text) → draft SOPs with ordered steps,
 * roles, decisions and timers. Deterministic by default; an optional LLM pass tidies titles and
 * fills missing roles, never adding steps. This file is the table of contents.
 */
export { importDocument, DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET_MS } from './import-document.js';
export type { ImportOptions } from './import-document.js';
export { importFile } from './import-file.js';
export { summarizeImport, formatImportSummary } from './import-summary.js';
export type { ImportSummary } from './import-summary.js';
export type {
  ImportResult, ImportedSop, ImportedStep, ImportedDecision, ImportedTimer, ImportedSource,
  ImportDiagnostic, ImportDiagnosticCode, TimerKind, TimerUnit,
} from './import-result.js';
export { refineWithLlm } from './llm/refine-with-llm.js';
export type { LlmOptions, LlmChange, LlmRefinement } from './llm/refine-with-llm.js';
export { toOsopDraft } from './draft/to-osop-draft.js';
export type { DraftMeta } from './draft/to-osop-draft.js';
export { extractSops } from './extract/extract-sops.js';
export { extractTimers, timerSeconds } from './extract/timers.js';
export { sniffFormat } from './input/sniff-format.js';
export { decodeText } from './input/decode-text.js';
export { readMarkdown } from './readers/read-markdown.js';
export { readHtml } from './readers/read-html.js';
export { readDocx } from './readers/read-docx.js';
export { readPdf } from './readers/read-pdf.js';
export { readText } from './readers/read-text.js';
export type { DocTree, DocFormat, Block, ListItem, SourcePointer } from './tree/doc-tree.js';
