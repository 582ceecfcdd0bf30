/**
 * Prints what the importer makes of one file (procedures, steps with role and decisions,
 * diagnostics), for reading a miss: `node --conditions=sopflow-source --import tsx bench/import-corpus/show.ts FILE`.
 */
import { importFile } from '@sopflow/importer';

const result = await importFile(process.argv[2]);
for (const sop of result.sops) {
  console.log(`== ${sop.title}  roles: ${sop.roles.join(', ') || '(none)'}`);
  for (const s of sop.steps) {
    const parent = s.parent ? ` ^${s.parent}` : '';
    const role = s.role ? ` @${s.role}` : '';
    const decisions = s.decisions.map((d) => ` [${d.when} → ${d.goto}]`).join('');
    console.log(`  ${s.sequence_order}${parent} (${s.source.from}) ${s.title.slice(0, 100)}${role}${decisions}`);
  }
}
for (const d of result.diagnostics) console.log(`${d.severity} ${d.code}: ${d.message}`);
