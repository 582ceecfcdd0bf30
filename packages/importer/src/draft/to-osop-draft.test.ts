import { strict as assert } from 'node:assert';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { validateSource } from '@sopflow/format';
import { importDocument, importFile, toOsopDraft } from '../index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-fixtures');

async function draftOf(name: string, index = 0) {
  const r = await importFile(join(fixtures, name));
  const sop = r.sops[index];
  const text = toOsopDraft(sop, { fileName: r.file, sha256: r.sha256, format: r.format, importedAt: '2026-01-02T03:04:05Z' });
  return { text, doc: parse(text) as Record<string, any>, sop, r };
}

describe('toOsopDraft', () => {
  it('writes a draft that @sopflow/format validates, with decisions as conditional edges and loops bounded', async () => {
    const { text, doc, r } = await draftOf('decisions-change-request.md');
    const report = validateSource(text, 'change.osop');
    assert.equal(report.valid, true, JSON.stringify(report.diagnostics));
    assert.deepEqual(report.diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.equal(doc.status, 'draft');
    assert.equal(doc.metadata.source_document.sha256, r.sha256);
    assert.equal(doc.metadata.source_document.name, 'decisions-change-request.md');
    assert.deepEqual(doc.nodes.map((n: any) => n.sequence_order), [1, 2, 3, 4, 5, 6]);
    assert.ok(doc.nodes.every((n: any) => n.delegation_state === 'human_only' && n['x-source'].paragraph >= 0));
    const edges = doc.edges.map((e: any) => `${e.from}>${e.to}:${e.mode}`);
    assert.ok(edges.includes('step_2>step_4:conditional') && edges.includes('step_2>step_5:conditional'), edges.join(' '));
    assert.ok(edges.includes('step_3>step_1:loop'), edges.join(' '));
    assert.ok(edges.includes('step_4>step_6:sequential'), 'the emergency branch step is skipped on the main line');
    const loop = doc.edges.find((e: any) => e.mode === 'loop');
    assert.equal(loop.max_iterations, 10);
    assert.match(doc.edges.find((e: any) => e.from === 'step_2' && e.to === 'step_4').when, /^steps\.step_2\.outputs\.outcome == "the_change_is_a_standard_change"$/);
    assert.deepEqual(doc.exit_conditions.map((x: any) => x.node), ['step_3', 'step_6']);
    assert.equal(doc.nodes[2].sla.description, 'within 5 working days');
    assert.equal(doc.nodes[2].timeout_sec, 7 * 86400, '5 working days are 7 calendar days');
  });

  it('validates for every fixture and suggests a routine for a recurrence', async () => {
    for (const name of ['numbered-sample-intake.md', 'tabular-complaint-handling.md', 'step-table-badge-access.md', 'flowchart-password-reset.md', 'skeleton-vendor-review.md', 'html-laptop-setup.html']) {
      const { text, doc } = await draftOf(name);
      const report = validateSource(text, `${name}.osop`);
      assert.equal(report.valid, true, `${name}: ${JSON.stringify(report.diagnostics)}`);
      assert.ok(!doc.nodes.some((n: any) => /^step\s*\d/i.test(n.name)), name);
    }
    const { doc } = await draftOf('skeleton-vendor-review.md');
    assert.ok(doc.nodes.every((n: any) => n['x-incomplete'] === true));
    const r = await importDocument(new TextEncoder().encode('# Supplier care\n\n## Procedure\n\n1. Review every supplier yearly.\n2. Archive the review.\n'), 'care.md');
    const routine = parse(toOsopDraft(r.sops[0], { fileName: 'care.md', sha256: r.sha256 })).metadata.routine_suggestions;
    assert.deepEqual(routine, [{ node: 'step_1', every: '1 year', text: 'yearly', cron: '0 9 1 1 *' }]);
  });
});
