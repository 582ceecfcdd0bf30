import { sniffFormat, type DocFormat } from '@sopflow/importer';

/** The document types the server stores: what the importer reads. */
export const DOCUMENT_TYPES = ['md', 'txt', 'html', 'docx', 'pdf'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const BY_EXTENSION: Readonly<Record<string, DocumentType>> = { md: 'md', markdown: 'md', txt: 'txt', text: 'txt', html: 'html', htm: 'html', docx: 'docx', pdf: 'pdf' };
const BY_FORMAT: Readonly<Record<DocFormat, DocumentType>> = { markdown: 'md', text: 'txt', html: 'html', docx: 'docx', pdf: 'pdf' };
/** Text types may be read as one another (a .txt holding HTML is still text); binary types must be what the bytes say. */
const TEXT_TYPES: readonly DocumentType[] = ['md', 'txt', 'html'];

/** Why a document's type was refused: no accepted extension, bytes of another kind, or no content. */
export type DocumentTypeRefusal = { ok: false; reason: 'extension' | 'content' | 'empty'; message: string };

/**
 * Pure; the document's type from its extension and its bytes (magic numbers, as the importer
 * sniffs them). Both must agree: a `.pdf` that is not PDF, or a `.md` that is a zip, is refused.
 * @example detectDocumentType('returns.md', bytes) // { ok: true, type: 'md' }
 */
export function detectDocumentType(name: string, bytes: Uint8Array): { ok: true; type: DocumentType } | DocumentTypeRefusal {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const claimed = BY_EXTENSION[ext];
  if (claimed === undefined) return { ok: false, reason: 'extension', message: `${name}: the type must be one of ${DOCUMENT_TYPES.join(', ')} (by its extension)` };
  const sniffed = sniffFormat(bytes, name);
  if (!sniffed.ok) return { ok: false, reason: sniffed.code === 'empty-document' ? 'empty' : 'content', message: `${name}: ${sniffed.message}` };
  const found = BY_FORMAT[sniffed.format];
  const agrees = found === claimed || (TEXT_TYPES.includes(found) && TEXT_TYPES.includes(claimed));
  if (!agrees) return { ok: false, reason: 'content', message: `${name}: the name says .${ext} but the content is ${found}` };
  return { ok: true, type: claimed };
}
