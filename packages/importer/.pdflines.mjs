import { readFileSync } from 'node:fs';
import { extractTextItems } from 'unpdf';
const buf = new Uint8Array(readFileSync(process.argv[2]));
const r = await extractTextItems(buf);
for (let p = 0; p < r.items.length; p++) {
  if (process.argv[3] && String(p+1) !== process.argv[3]) continue;
  console.log('=== page', p+1);
  const lines = new Map();
  for (const it of r.items[p]) { if (!it.str) continue; const k = Math.round(it.y); const arr = lines.get(k) ?? []; arr.push(it); lines.set(k, arr); }
  for (const [y, arr] of [...lines].sort((a,b)=>b[0]-a[0])) { arr.sort((a,b)=>a.x-b.x); console.log(y, arr[0].x.toFixed(0), arr[0].fontSize, '|', arr.map(i=>i.str).join('')); }
}
