import type { DocFormat } from '../tree/doc-tree.js';

export type SniffResult =
  | { ok: true; format: DocFormat; mismatch?: string }
  | { ok: false; code: 'unsupported-format' | 'format-mismatch' | 'empty-document'; message: string };

const EXTENSIONS: Record<string, DocFormat> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', txt: 'text', text: 'text', rst: 'text', rest: 'text',
  html: 'html', htm: 'html', xhtml: 'html', docx: 'docx', pdf: 'pdf',
};

/**
 * Pure; decides the reader from the bytes (magic numbers) and the file name. The bytes win over
 * the extension: a ".pdf" holding text is read as text when it is plainly text, and refused when
 * it is a binary of another kind.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string): SniffResult {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const claimed = EXTENSIONS[ext];
  if (bytes.length === 0 || isBlank(bytes)) return { ok: false, code: 'empty-document', message: 'the document is empty' };
  const head = ascii(bytes.subarray(0, 1024));
  const pdfAt = head.indexOf('%PDF-');
  if (pdfAt >= 0 && pdfAt < 1024) return withMismatch('pdf', claimed, ext);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return withMismatch('docx', claimed, ext);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return { ok: false, code: 'unsupported-format', message: 'legacy binary Office document (.doc/.xls); save it as .docx' };
  }
  if (looksBinary(bytes)) {
    return { ok: false, code: claimed ? 'format-mismatch' : 'unsupported-format', message: `binary content that is not PDF or DOCX${claimed ? ` (the name says .${ext})` : ''}` };
  }
  const textFormat: DocFormat = claimed === 'markdown' || claimed === 'html' || claimed === 'text'
    ? claimed
    : /^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)/i.test(head) ? 'html' : claimed === undefined && /^\s*#\s|\n#{1,6}\s/.test(head) ? 'markdown' : 'text';
  if (claimed === 'pdf' || claimed === 'docx') return { ok: true, format: textFormat, mismatch: `the name says .${ext} but the content is text` };
  return { ok: true, format: textFormat };
}

function withMismatch(format: DocFormat, claimed: DocFormat | undefined, ext: string): SniffResult {
  if (claimed === undefined || claimed === format) return { ok: true, format };
  return { ok: true, format, mismatch: `the name says .${ext} but the content is ${format.toUpperCase()}` };
}

function ascii(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 128 ? String.fromCharCode(b) : '?';
  return out;
}

function isBlank(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 4096);
  for (let i = 0; i < limit; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf && b !== 0xfe && b !== 0xff && b !== 0) return false;
  }
  return bytes.length <= 4096;
}

/** NUL bytes outside a UTF-16 text, or many control bytes, mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const limit = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < limit; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > limit * 0.02;
}
