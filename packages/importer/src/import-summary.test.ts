import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatImportSummary, importDocument, summarizeImport } from './index.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('summarizeImport', () => {
  it('counts procedures, steps, decisions, roles and warnings', async () => {
    const r = await importDocument(enc('# Intake\n\n## Procedure\n\n1. The clerk checks the form. If it is incomplete, return to step 1.\n2. The clerk files the form.\n\n## Other procedure\n\n- [ ] Lock the cabinet\n- [ ] Switch off the light\n'), 'intake.md');
    assert.deepEqual(summarizeImport(r), { file: 'intake.md', ok: true, procedures: 2, steps: 4, decisions: 1, roles: 1, warnings: 0, errors: [] });
    assert.equal(formatImportSummary(r).split('\n')[0], 'intake.md: 2 procedures, 4 steps, 1 decision, 1 role, 0 warnings');
  });

  it('says why a document failed', async () => {
    const r = await importDocument(enc(''), 'empty.md');
    assert.equal(summarizeImport(r).ok, false);
    assert.equal(formatImportSummary(r), 'empty-document: empty.md: the document is empty');
  });
});
