import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { decodeText } from './decode-text.js';
import { sniffFormat } from './sniff-format.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniffFormat', () => {
  it('trusts magic bytes over names and reports lying extensions', () => {
    assert.deepEqual(sniffFormat(bytes('%PDF-1.7\n'), 'a.pdf'), { ok: true, format: 'pdf' });
    assert.deepEqual(sniffFormat(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'a.docx'), { ok: true, format: 'docx' });
    assert.deepEqual(sniffFormat(bytes('# Title\n'), 'notes'), { ok: true, format: 'markdown' });
    assert.deepEqual(sniffFormat(bytes('<!doctype html><html></html>'), 'page'), { ok: true, format: 'html' });
    assert.match(JSON.stringify(sniffFormat(bytes('%PDF-1.7'), 'a.docx')), /says \.docx but the content is PDF/);
    assert.equal(sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1]), 'old.doc').ok, false);
    assert.deepEqual(sniffFormat(new Uint8Array(0), 'x.md'), { ok: false, code: 'empty-document', message: 'the document is empty' });
  });
});

describe('decodeText', () => {
  it('decodes UTF-8, BOMs and latin-1, and refuses what it cannot', () => {
    assert.deepEqual(decodeText(bytes('héllo')), { ok: true, text: 'héllo', encoding: 'utf-8' });
    assert.equal(decodeText(new Uint8Array([0xfe, 0xff, 0, 0x41])).ok && 'A', 'A');
    const latin = decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
    assert.equal(latin.ok && latin.text, 'café ok');
    assert.equal(decodeText(new Uint8Array([0x81, 0x8d, 0x8f, 0x90])).ok, false);
  });
});
