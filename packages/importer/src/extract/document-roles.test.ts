import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('the roles of the document itself are not actors', () => {
  it('leaves out front-matter owners, "Approved by" lines, document-control tables and "Document owner", keeping a named person who also acts', async () => {
    const markdown = [
      '---', 'title: Cold room defrost', 'owner: Facilities manager', 'approver: Quality lead', '---', '',
      '# Cold room defrost', '',
      'This procedure is owned by the Site manager and reviewed yearly.', '',
      '**Author:** Lab officer | **Approved by:** Head of department', '',
      '## Roles and responsibilities', '',
      '- Document owner: keeps this SOP current.', '- Facilities manager: signs the SOP.', '- Technician: carries out the defrost.', '- Supervisor: checks the drain.', '',
      '## Document control', '',
      '| Version | Date | Author | Approved by |', '|---|---|---|---|', '| 1.0 | 2024-01-01 | Lab manager | Safety officer |', '',
      '## Procedure', '',
      '1. The technician moves the samples to the backup freezer.',
      '2. The technician switches off the cooling unit.',
      '3. The supervisor checks the drain after two hours.',
      '4. The Lab manager signs the defrost log.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(markdown), 'defrost.md');
    assert.deepEqual(r.sops[0].roles, ['Technician', 'Supervisor', 'Lab manager']);
  });
});
