import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import type { Diagnostic } from '@sopflow/format';

/** Largest document the CLI will read; larger files get a diagnostic without being read. */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

export interface SourceFile {
  path: string;
  text?: string;
  diagnostics: Diagnostic[];
}

/** Reads a document for checking; never throws. Refuses directories, huge and binary files. */
export function readSourceFile(path: string): SourceFile {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail(path, 'not-a-file', `${path} is a directory`);
    if (stat.size > MAX_SOURCE_BYTES) {
      return fail(path, 'file-too-large', `file is ${formatBytes(stat.size)}; the limit is ${formatBytes(MAX_SOURCE_BYTES)}`);
    }
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const body = bytes.subarray(0, read);
    if (body.includes(0)) return fail(path, 'binary-content', 'file contains NUL bytes; it is not a text document');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return fail(path, 'invalid-utf8', 'file is not valid UTF-8 text');
    }
    return { path, text: text.replace(/^\uFEFF/, ''), diagnostics: [] };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(path, 'file-not-found', `no such file: ${path}`);
    if (code === 'EISDIR') return fail(path, 'not-a-file', `${path} is a directory`);
    if (code === 'EACCES') return fail(path, 'permission-denied', `cannot read ${path}: permission denied`);
    return fail(path, 'read-error', `cannot read ${path}: ${(err as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fail(path: string, code: string, message: string): SourceFile {
  return { path, diagnostics: [{ code, severity: 'error', message, file: path, line: 0, column: 0 }] };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
