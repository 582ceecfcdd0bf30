import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectDocumentType } from '@sopflow/service';

const text = (s: string) => new TextEncoder().encode(s);

describe('detectDocumentType: extension and bytes must agree', () => {
  it('accepts md, txt, html by extension when the bytes are text, and pdf/docx by their magic numbers', () => {
    assert.deepEqual(detectDocumentType('a.md', text('# A\n')), { ok: true, type: 'md' });
    assert.deepEqual(detectDocumentType('a.TXT', text('plain')), { ok: true, type: 'txt' });
    assert.deepEqual(detectDocumentType('a.htm', text('<html><body>x</body></html>')), { ok: true, type: 'html' });
    assert.deepEqual(detectDocumentType('a.pdf', text('%PDF-1.7\n...')), { ok: true, type: 'pdf' });
    assert.deepEqual(detectDocumentType('a.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0])), { ok: true, type: 'docx' });
  });

  it('refuses an unknown extension, a .pdf holding text, a .md holding a zip, and an empty file (as empty)', () => {
    assert.equal((detectDocumentType('a.exe', text('MZ')) as any).reason, 'extension');
    assert.equal((detectDocumentType('a.pdf', text('# not a pdf\n')) as any).reason, 'content');
    assert.equal((detectDocumentType('a.md', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])) as any).reason, 'content');
    assert.equal((detectDocumentType('a.docx', text('%PDF-1.4')) as any).reason, 'content');
    assert.equal((detectDocumentType('a.md', new Uint8Array()) as any).reason, 'empty');
  });
});
