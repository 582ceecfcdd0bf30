import { readFileSync } from 'node:fs';
import { readPdf } from '../src/readers/read-pdf.js';
const t0 = Date.now();
const r = await readPdf(new Uint8Array(readFileSync(process.argv[2])), 20000);
console.log(Date.now() - t0, 'ms');
if (!r.ok) { console.log(r); process.exit(1); }
const show = (b: any, ind = '') => { console.log(ind + b.type, b.level ?? '', `p${b.source.page}`, '|', b.type === 'list' ? '' : b.source.text.slice(0, 110)); if (b.type === 'list') for (const i of b.items) { console.log(ind + '  *', i.marker ?? '', i.text.slice(0, 100)); for (const c of i.children) show(c, ind + '    '); } };
for (const b of r.tree.blocks) show(b);
