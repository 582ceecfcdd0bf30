import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportResult } from './import-result.js';
import { DEFAULT_MAX_BYTES, formatBytes, importDocument, type ImportOptions } from './import-document.js';

/**
 * Imports a document from disk. The size is checked with `stat` before anything is read, so a
 * 100 MB file is refused (`file-too-large`) without loading it. An unreadable path comes back as
 * an `unreadable-file` error diagnostic, never as a throw.
 */
export async function importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const file = basename(path);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const empty = (code: 'file-too-large' | 'unreadable-file', message: string): ImportResult => ({
    file, sha256: '', sops: [], diagnostics: [{ code, severity: 'error', message, file }],
  });
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return empty('unreadable-file', `${path} is not a regular file`);
    size = info.size;
  } catch (err) {
    return empty('unreadable-file', `${path}: ${(err as NodeJS.ErrnoException).code ?? 'cannot read'}`);
  }
  if (size > maxBytes) return empty('file-too-large', `${file} is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}`);
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    return await importDocument(bytes.subarray(0, bytesRead), file, options);
  } finally {
    await handle.close();
  }
}
