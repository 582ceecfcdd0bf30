import { readFileSync, writeFileSync } from 'node:fs';
import { readMarkdown } from '../src/readers/read-markdown.js';
import { treeToDocx } from '../test-fixtures/generate/tree-to-docx.js';
import { treeToPdf } from '../test-fixtures/generate/tree-to-pdf.js';
const tree = readMarkdown(readFileSync(process.argv[2], 'utf8'));
writeFileSync('/tmp/imp/out.docx', await treeToDocx(tree));
writeFileSync('/tmp/imp/out.pdf', await treeToPdf(tree, { header: 'ACME Corp — Controlled copy', footer: 'SOP fixture', twoColumns: process.argv[3] === '2', columnBreakAt: '2.4 Implement the Change' }));
console.log('ok');
