import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { treeToDocx } from '../test-fixtures/generate/tree-to-docx.js';
import { treeToPdf } from '../test-fixtures/generate/tree-to-pdf.js';
import { importFile, readMarkdown } from './index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'importer-formats-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const tree = (name: string) => readMarkdown(readFileSync(join(fixtures, name), 'utf8'));

describe('the same procedure read from Word and PDF', () => {
  it('reads a .docx made from the tabular fixture with real tables', async () => {
    const path = join(tmp, 'complaints.docx');
    writeFileSync(path, await treeToDocx(tree('tabular-complaint-handling.md')));
    const r = await importFile(path);
    assert.equal(r.format, 'docx');
    const sop = r.sops[0];
    assert.deepEqual(sop.steps.map((s) => s.title), ['Complaint Intake', 'Triage', 'Investigation', 'Response to Customer']);
    assert.deepEqual(sop.steps.map((s) => s.role), ['Support Agent', 'Quality Manager', 'Product Engineer', 'Support Agent']);
    assert.deepEqual(sop.steps[1].decisions.map((d) => d.goto), [4]);
    assert.equal(sop.steps[1].source.line, undefined, 'docx has no lines; the paragraph index points at the source');
    assert.equal(typeof sop.steps[1].source.paragraph, 'number');
  });

  it('reads a two-column PDF with a running header and footer in reading order', async () => {
    const path = join(tmp, 'changes.pdf');
    const doc = tree('decisions-change-request.md');
    // A second page so the header and footer repeat.
    doc.blocks.push({ type: 'heading', level: 2, text: 'Appendix A', links: [], source: { paragraph: 999, text: '' } });
    for (let i = 0; i < 60; i++) doc.blocks.push({ type: 'paragraph', text: `Background line ${i} about change windows.`, links: [], source: { paragraph: 1000 + i, text: '' } });
    writeFileSync(path, await treeToPdf(doc, { header: 'ACME IT — Controlled copy', footer: 'Uncontrolled when printed', twoColumns: true, columnBreakAt: '2.4 Implement the Change' }));
    const r = await importFile(path);
    assert.equal(r.format, 'pdf');
    assert.ok((r.pageCount ?? 0) >= 2, `pages: ${r.pageCount}`);
    const sop = r.sops[0];
    assert.deepEqual(sop.steps.map((s) => s.label), ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']);
    assert.deepEqual(sop.steps[1].decisions.map((d) => d.goto), [4, 5]);
    assert.deepEqual(sop.steps[4].decisions, [{ when: 'always', goto: 4, loop: true }]);
    const all = JSON.stringify(r.sops);
    assert.ok(!all.includes('Controlled copy') && !all.includes('Uncontrolled when printed'), 'running header and footer removed');
    assert.equal(sop.steps[3].source.page, 1);
    assert.ok(sop.steps.every((s) => s.source.page !== undefined));
  });

  it('finds same-size numbered headings in a PDF and takes the first line as the title', async () => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.fontSize(11);
    const lines: [string, boolean][] = [['Equipment Calibration', false], ['1 Procedure', true], ['1.1 Daily check', true], ['Check each balance with the reference weights. If the reading is outside', false], ['tolerance, go to step 1.2.', false], ['1.2 Out-of-tolerance handling', true], ['Label the instrument and open a deviation.', false]];
    for (const [text, gap] of lines) { if (gap) doc.moveDown(1); doc.text(text); }
    doc.end();
    const path = join(tmp, 'flat.pdf');
    writeFileSync(path, await done);
    const r = await importFile(path);
    assert.equal(r.sops[0].title, 'Equipment Calibration');
    assert.deepEqual(r.sops[0].steps.map((s) => [s.label, s.title]), [['1.1', 'Daily check'], ['1.2', 'Out-of-tolerance handling']]);
    assert.deepEqual(r.sops[0].steps[0].decisions.map((d) => d.goto), [2]);
  });

  it('recognises glyph bullets and numbered lines in PDF text', async () => {
    const path = join(tmp, 'spill.pdf');
    const doc = readMarkdown('# Spill Response\n\n## Procedure\n\n- Warn everyone in the room.\n- Put on gloves and goggles.\n- Contain the spill with pads.\n');
    writeFileSync(path, await treeToPdf(doc));
    const r = await importFile(path);
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), ['Warn everyone in the room', 'Put on gloves and goggles', 'Contain the spill with pads']);
    assert.equal(r.sops[0].steps[0].source.from, 'list-item');
  });
});
