import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '@sopflow/format';

// The CLI imports this module alone, as `@sopflow/service/read-text-file` (node:fs and nothing else
// at run time), so `sopflow validate` reads documents without loading the engine or the store.

/** Largest file a service function or CLI command reads; larger files get a diagnostic without being read. */
export const MAX_TEXT_FILE_BYTES = 10 * 1024 * 1024;

/** A file's text, or the diagnostics saying why it could not be read. */
export interface TextFile {
  path: string;
  text?: string;
  diagnostics: Diagnostic[];
}

/** Reads one UTF-8 text file; never throws. Refuses directories, files over the limit and binary content. */
export function readTextFile(path: string): TextFile {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail(path, 'not-a-file', `${path} is a directory`);
    if (stat.size > MAX_TEXT_FILE_BYTES) {
      return fail(path, 'file-too-large', `file is ${(stat.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MB`);
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
    try {
      return { path, text: new TextDecoder('utf-8', { fatal: true }).decode(body).replace(/^\uFEFF/, ''), diagnostics: [] };
    } catch {
      return fail(path, 'invalid-utf8', 'file is not valid UTF-8 text');
    }
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

function fail(path: string, code: string, message: string): TextFile {
  return { path, diagnostics: [{ code, severity: 'error', message, file: path, line: 0, column: 0 }] };
}
