import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { storedZip } from '../test-fixtures/generate/stored-zip.js';
import { importDocument, importFile, readPdf, type ImportResult } from './index.js';

const tmp = mkdtempSync(join(tmpdir(), 'importer-bad-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const bytes = (s: string) => new TextEncoder().encode(s);
const codes = (r: ImportResult) => r.diagnostics.map((d) => d.code);
const procedure = '# Valve check\n\n## Procedure\n\n1. Open the valve.\n2. Close the valve.\n';

function encryptedPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  doc.text('1. Open the valve.');
  doc.end();
  return done;
}

describe('bad input gets a clear diagnostic and no SOP', () => {
  it('refuses a 100 MB file from its size alone, without reading it', async () => {
    const path = join(tmp, 'huge.pdf');
    writeFileSync(path, '');
    truncateSync(path, 100 * 1024 * 1024);
    const r = await importFile(path);
    assert.deepEqual(codes(r), ['file-too-large']);
    assert.match(r.diagnostics[0].message, /100\.0 MB; the limit is 25\.0 MB/);
    assert.equal(r.sops.length, 0);
  });

  it('applies a custom size limit to bytes in memory', async () => {
    const r = await importDocument(bytes(procedure), 'valve.md', { maxBytes: 10 });
    assert.deepEqual(codes(r), ['file-too-large']);
  });

  it('reports an empty document', async () => {
    assert.deepEqual(codes(await importDocument(new Uint8Array(0), 'empty.md')), ['empty-document']);
    assert.deepEqual(codes(await importDocument(bytes('   \n\n  '), 'blank.txt')), ['empty-document']);
  });

  it('reports a corrupt PDF', async () => {
    const r = await importDocument(bytes('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF'), 'broken.pdf');
    assert.deepEqual(codes(r), ['corrupt-document']);
    assert.match(r.diagnostics[0].message, /broken\.pdf/);
  });

  it('reports a password-protected PDF', async () => {
    const r = await importDocument(await encryptedPdf(), 'locked.pdf');
    assert.deepEqual(codes(r), ['encrypted-document']);
  });

  it('reports a .docx that is a zip of something else', async () => {
    const r = await importDocument(storedZip({ 'hello.txt': 'not a word document' }), 'report.docx');
    assert.deepEqual(codes(r), ['corrupt-document']);
    assert.match(r.diagnostics[0].message, /holds hello\.txt but no word\/document\.xml/);
  });

  it('refuses a .docx that would inflate to gigabytes before inflating it', async () => {
    const zip = Buffer.from(storedZip({ 'word/document.xml': '<w:document/>' }));
    // Claim a 3 GB uncompressed size in the central directory entry (a ZIP bomb's signature).
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(3_000_000_000, central + 24);
    const r = await importDocument(new Uint8Array(zip), 'bomb.docx');
    assert.deepEqual(codes(r), ['corrupt-document']);
    assert.match(r.diagnostics[0].message, /would inflate to 2861 MB/);
  });

  it('reports a lying extension either way', async () => {
    assert.deepEqual(codes(await importDocument(bytes(procedure), 'valve.pdf')), ['format-mismatch']);
    const pdfAsMd = await importDocument(bytes('%PDF-1.7\n%%EOF'), 'valve.md');
    assert.deepEqual(codes(pdfAsMd), ['format-mismatch']);
    assert.match(pdfAsMd.diagnostics[0].message, /says \.md but the content is PDF/);
    assert.deepEqual(codes(await importDocument(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), 'tool.txt')), ['format-mismatch']);
  });

  it('decodes latin-1 and UTF-16 text, and refuses bytes it cannot decode', async () => {
    const latin1 = Buffer.from('# Café opening\n\n## Procedure\n\n1. Unlock the café door.\n2. Switch on the espresso machine.\n', 'latin1');
    const r1 = await importDocument(new Uint8Array(latin1), 'cafe.md');
    assert.equal(r1.sops[0].steps[0].title, 'Unlock the café door');
    assert.ok(r1.diagnostics.some((d) => d.code === 'read-warning' && /Windows-1252/.test(d.message)));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(procedure, 'utf16le')]);
    const r2 = await importDocument(new Uint8Array(utf16), 'valve.md');
    assert.equal(r2.sops[0].steps.length, 2);
    const junk = new Uint8Array(200).map((_, i) => 0xa0 + (i % 90));
    assert.deepEqual(codes(await importDocument(junk, 'junk.txt')), ['undecodable-text']);
  });

  it('stops PDF parsing that overruns its time budget', async () => {
    const r = await readPdf(await encryptedPdf(), 1);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'time-budget-exceeded');
  });

  it('refuses an unreadable path without throwing', async () => {
    assert.deepEqual(codes(await importFile(join(tmp, 'missing.md'))), ['unreadable-file']);
    assert.deepEqual(codes(await importFile(tmp)), ['unreadable-file']);
  });

  it('writes nothing anywhere', async () => {
    const before = readdirSync(tmp).sort();
    await importDocument(bytes(procedure), 'valve.md');
    await importDocument(bytes('%PDF-1.7 broken'), 'x.pdf');
    assert.deepEqual(readdirSync(tmp).sort(), before);
  });
});

describe('pathological structure', () => {
  it('survives very deep nesting with a diagnostic or a result, never a throw', async () => {
    const deep = `${'> '.repeat(2000)}text\n\n${Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n`;
    const r = await importDocument(new TextEncoder().encode(deep), 'deep.md');
    assert.ok(r.sops.length > 0 || r.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(r.diagnostics));
  });
});
