import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('an overview list that names the sections after it in other words', () => {
  it('is an index, not steps: the steps are those of the sections', async () => {
    const r = await importDocument(new TextEncoder().encode([
      '# Moving the archive', '', '## Stage one: the move', '', 'Moving the archive takes three stages:', '',
      '1. Pack all the archive boxes into crates', '2. Book the removal van for the date', '3. Tell the librarian about the move', '',
      '### Pack archive boxes into crates', '', '1. Label each box.', '2. Seal the crate.', '',
      '### Book the removal van', '', '1. Call the removal firm.', '2. Confirm the date by e-mail.', '',
      '### Afterwards', '', 'Open each crate and shelve the boxes.',
    ].join('\n')), 'archive.md');
    const titles = r.sops.flatMap((s) => s.steps.map((x) => x.title));
    assert.ok(!titles.includes('Pack all the archive boxes into crates'), titles.join(' | '));
    assert.ok(titles.includes('Label each box') && titles.includes('Call the removal firm'), titles.join(' | '));
  });
});
