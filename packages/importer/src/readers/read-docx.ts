import mammoth from 'mammoth';
import type { DocTree } from '../tree/doc-tree.js';
import { readHtml } from './read-html.js';

export type DocxRead = { ok: true; tree: DocTree; warnings: string[] } | { ok: false; code: 'corrupt-document'; message: string };

/**
 * .docx → HTML (mammoth; images dropped, macros never run) → the HTML reader. A zip that is not a
 * Word document is refused with `corrupt-document`.
 */
export async function readDocx(bytes: Uint8Array): Promise<DocxRead> {
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
