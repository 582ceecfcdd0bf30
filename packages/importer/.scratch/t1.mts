import { readFileSync } from 'node:fs';
import { readMarkdown } from '/work/main/packages/importer/src/readers/read-markdown.js';
import { readDocx } from '/work/main/packages/importer/src/readers/read-docx.js';
const f = process.argv[2];
const t = f.endsWith('.docx') ? (await readDocx(new Uint8Array(readFileSync(f))) as any).tree : readMarkdown(readFileSync(f, 'utf8'));
console.log(JSON.stringify(t.metadata));
for (const b of t.blocks) console.log(b.type, (b as any).level ?? '', b.source.line ?? '', b.source.paragraph, '|', b.type === 'list' ? (b as any).items.map((i: any) => `[${i.marker ?? '-'}]${i.text.slice(0,40)}(${i.children.length})`).join(' ') : b.type === 'table' ? JSON.stringify((b as any).rows).slice(0, 150) : b.source.text.slice(0, 100), b.type==='quote' ? (b as any).admonition : '');
