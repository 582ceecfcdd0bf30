import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('a table of contents of links to the headings of the same document', () => {
  it('never turns those headings into steps; the steps are the lists under them', async () => {
    const md = [
      '# Kiosk handbook', '',
      '- [Who staffs the kiosk](#who-staffs-the-kiosk)', '- [Opening up](#opening-up)', '  - [Cash float](#cash-float)', '- [Closing down](#closing-down)', '- [Contacts](#contacts)', '',
      '## Who staffs the kiosk', '', 'Volunteers staff the kiosk on a rota that the coordinator keeps.', '',
      '## Opening up', '', '1. Unlock the shutter with the blue key.', '2. Switch on the fridge.', '3. Put out the price board.', '',
      '### Cash float', '', 'The float is kept in the office safe.', '',
      '## Closing down', '', '1. Count the takings.', '2. Lock the takings in the office safe.', '3. Pull down and lock the shutter.', '',
      '## Contacts', '', 'Ring the coordinator on extension 214.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'kiosk.md');
    const titles = r.sops.flatMap((s) => s.steps.map((x) => x.title));
    for (const heading of ['Who staffs the kiosk', 'Opening up', 'Closing down', 'Contacts']) assert.ok(!titles.includes(heading), titles.join(' | '));
    assert.ok(titles.includes('Unlock the shutter with the blue key') && titles.includes('Count the takings'), titles.join(' | '));
  });
});
