import mammoth from 'mammoth';
import type { DocTree } from '../tree/doc-tree.js';
import { zipEntries } from '../input/zip-entries.js';
import { readHtml } from './read-html.js';

/** A .docx whose parts inflate beyond this is refused (a ZIP bomb), before anything is inflated. */
export const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

export type DocxRead = { ok: true; tree: DocTree; warnings: string[] } | { ok: false; code: 'corrupt-document'; message: string };

/**
 * .docx → HTML (mammoth; images dropped, macros never run) → the HTML reader. A zip that is not a
 * Word document, or one that would inflate past MAX_INFLATED_BYTES, is refused with `corrupt-document`
 * after reading only its central directory.
 */
export async function readDocx(bytes: Uint8Array): Promise<DocxRead> {
  const entries = zipEntries(bytes);
  if (!entries) return { ok: false, code: 'corrupt-document', message: 'not a readable Word document (the ZIP directory is damaged)' };
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    return { ok: false, code: 'corrupt-document', message: `not a readable Word document: the ZIP holds ${entries.slice(0, 3).map((e) => e.name).join(', ') || 'nothing'}${entries.length > 3 ? ', …' : ''} but no word/document.xml` };
  }
  const inflated = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (inflated > MAX_INFLATED_BYTES || entries.some((e) => e.uncompressedSize === 0xffffffff)) {
    return { ok: false, code: 'corrupt-document', message: `refused: the Word document would inflate to ${Math.round(inflated / 1024 / 1024)} MB (limit ${MAX_INFLATED_BYTES / 1024 / 1024} MB)` };
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, code: 'corrupt-document', message: `not a readable Word document (${reason})` };
  }
  const tree = await readHtml(`<html><body>${html}</body></html>`, false);
  return { ok: true, tree: { ...tree, format: 'docx', metadata: {} }, warnings: [] };
}
