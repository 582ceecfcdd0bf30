import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument, readText } from '../index.js';

const GUIDE = `Looking after the wiki
======================

Weekly
------

 - Read the edit log.
 - Revert the spam edits.

Appendix
--------

Restoring a "deleted page"
~~~~~~~~~~~~~~~~~~~~~~~~~~

A page deleted by mistake can be restored from the trash for thirty days.

After finding the page in the trash, say "Opening hours", open its history and
pick the last good version:

     $ wiki trash show "Opening hours"

Then restore that version as the current page:

     $ wiki restore "Opening hours" --version 41

Then double check the page renders by opening it in a private window.

Exporting the page list
~~~~~~~~~~~~~~~~~~~~~~~

     $ wiki export --pages
`;

describe('plain text: deeper setext underlines', () => {
  it('reads ~~~ and ^^^ underlines as headings below the --- sections, not as text', () => {
    const headings = (text: string) => readText(text).blocks.flatMap((b) => (b.type === 'heading' ? [`${b.level} ${b.text}`] : []));
    assert.deepEqual(headings(GUIDE), ['1 Looking after the wiki', '2 Weekly', '2 Appendix', '3 Restoring a "deleted page"', '3 Exporting the page list']);
    assert.deepEqual(headings('Spam\n----\n\nBlocked words\n^^^^^^^^^^^^^\n\nThe list is kept in the admin area.\n'), ['2 Spam', '4 Blocked words']);
  });

  it('keeps a short run of tildes under a longer line as text (a fence, not an underline)', () => {
    assert.equal(readText('Run the export with the flag set to true and wait\n~~~\n').blocks.some((b) => b.type === 'heading' && /export/.test(b.text)), false);
  });

  it('finds a procedure told under a ~~~ heading inside an appendix', async () => {
    const r = await importDocument(new TextEncoder().encode(GUIDE), 'wiki.txt');
    assert.equal(r.sops.length, 1);
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), [
      'Open its history and pick the last good version',
      'Restore that version as the current page',
      'Double check the page renders by opening it in a private window',
    ]);
  });
});
