import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const titles = async (text: string, name: string) =>
  (await importDocument(new TextEncoder().encode(text), name)).sops.flatMap((s) => s.steps.map((x) => x.title));

const TEXT = `Rebuilding the search index
===========================

Preparation
-----------

  1. Announce the maintenance window in the ops channel.
  2. Put the site into read-only mode.

Rebuild
-------

  * Start the rebuild job from the scheduler.
  * Watch the job log until it reports the document count.
  * Compare the count with the database row count.

Finishing
---------

  1. Switch the alias to the new index.
  2. Take the site out of read-only mode.

Tips
----

  * Keep the old index for a day.
  * Run the rebuild at night.
  * Ask the search team when in doubt.
`;

describe('a procedure told under several headings, some in numbers and some in bullets', () => {
  it('keeps the bullets of instructions between numbered sections, in order, and not the tips', async () => {
    assert.deepEqual(await titles(TEXT, 'reindex.txt'), [
      'Announce the maintenance window in the ops channel', 'Put the site into read-only mode',
      'Start the rebuild job from the scheduler', 'Watch the job log until it reports the document count', 'Compare the count with the database row count',
      'Switch the alias to the new index', 'Take the site out of read-only mode',
    ]);
  });
});
