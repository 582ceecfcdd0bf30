import type { Diagnostic } from '../model/diagnostic.js';

/** Largest source accepted, in bytes (UTF-8) or UTF-16 code units for strings. */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

export interface DecodedSource {
  text?: string;
  diagnostics: Diagnostic[];
}

/**
 * Pure; turns file bytes into text, refusing what is not a text document: more than 10 MB
 * (`file-too-large`), NUL bytes or invalid UTF-8 (`binary-content`). A leading BOM is dropped.
 */
export function decodeSourceBytes(bytes: Uint8Array, file?: string): DecodedSource {
  if (bytes.byteLength > MAX_SOURCE_BYTES) return { diagnostics: [tooLarge(bytes.byteLength, file)] };
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { diagnostics: [binary(file, `contains a NUL byte at offset ${nul}`)] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { diagnostics: [binary(file, 'is not valid UTF-8')] };
  }
  return { text, diagnostics: [] };
}

export function tooLarge(size: number, file?: string): Diagnostic {
  return {
    code: 'file-too-large', severity: 'error', file, line: 1, column: 1,
    message: `the document is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_SOURCE_BYTES / 1024 / 1024} MB`,
    hint: 'split the workflow into sub-workflows (workflow_ref) or remove embedded data',
  };
}

export function binary(file: string | undefined, why: string): Diagnostic {
  return {
    code: 'binary-content', severity: 'error', file, line: 1, column: 1,
    message: `the file ${why}; it does not look like a YAML or JSON text document`,
    hint: 'sopflow reads UTF-8 text files (.osop, .osoplog, .sop)',
  };
}
