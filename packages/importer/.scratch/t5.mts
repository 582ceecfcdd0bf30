import { importFile, toOsopDraft } from '../src/index.js';
import { validateSource } from '@sopflow/format';
for (const f of process.argv.slice(2)) {
  const r = await importFile(f);
  console.log('###', r.file, r.format, r.diagnostics.map((d) => `${d.severity}:${d.code}`).join(','));
  for (const sop of r.sops) {
    const y = toOsopDraft(sop, { fileName: r.file, sha256: r.sha256, format: r.format, pageCount: r.pageCount });
    const rep = validateSource(y, 'draft.osop');
    const diags = (rep as any).diagnostics ?? rep;
    console.log(sop.title, 'valid?', JSON.stringify(diags.filter((d: any) => d.severity !== 'info').map((d: any) => `${d.severity}:${d.code}:${d.message}`)).slice(0, 1500));
    if (process.env.SHOW) console.log(y);
  }
}
