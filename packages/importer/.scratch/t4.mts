import { readFileSync } from 'node:fs';
import { readMarkdown } from '../src/readers/read-markdown.js';
import { readDocx } from '../src/readers/read-docx.js';
import { readPdf } from '../src/readers/read-pdf.js';
import { readText } from '../src/readers/read-text.js';
import { extractSops } from '../src/extract/extract-sops.js';
const f = process.argv[2];
const bytes = new Uint8Array(readFileSync(f));
const tree = f.endsWith('.docx') ? ((await readDocx(bytes)) as any).tree : f.endsWith('.pdf') ? ((await readPdf(bytes, 20000)) as any).tree : f.endsWith('.txt') ? readText(readFileSync(f, 'utf8')) : readMarkdown(readFileSync(f, 'utf8'));
const sops = extractSops(tree, f);
for (const s of sops) {
  console.log(`== ${s.title} roles=${JSON.stringify(s.roles)} warnings=${JSON.stringify(s.warnings)}`);
  for (const st of s.steps) console.log(`${st.parent ? '   ' : ''}${st.sequence_order}. [${st.label ?? ''}] ${st.title} {${st.role ?? ''}} ${st.incomplete ? 'INCOMPLETE' : ''} ${st.decisions.map((d) => `→${d.goto}${d.loop ? '(loop)' : ''} when "${d.when.slice(0, 40)}"`).join('; ')} ${st.timers.map((t) => `⏱${t.text}/${t.kind}${t.business ? '/biz' : ''}`).join(' ')}`);
  if (process.argv[3]) console.log(s.notes);
}
if (sops.length === 0) console.log('NO PROCEDURE');
