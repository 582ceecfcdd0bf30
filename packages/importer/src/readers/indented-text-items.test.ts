import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument, readText } from '../index.js';

const RUNBOOK = `Nightly archive job
===================

Each night the operator runs the archive job:

 - Check the disk space on the archive host.  The job needs
   about 40 GB free.

   If the disk is nearly full, remove the oldest archives first.

     $ df -h /archive
     $ rm /archive/2019-*.tar

 - Start the archive job from the scheduler:

   - the nightly profile for weekdays;

   - the full profile on Sundays.

   The job mails its log to the operations list.

      [job]
	profile = nightly

 - Verify that the new archive opens and lists its files.
`;

describe('plain-text list items with indented paragraphs and commands', () => {
  it('keeps an indented paragraph and command lines inside their item and the list going', () => {
    const list = readText(RUNBOOK).blocks.find((b) => b.type === 'list');
    assert.ok(list && list.type === 'list');
    assert.deepEqual(list.items.map((i) => i.text.replace(/\s+/g, ' ')), [
      'Check the disk space on the archive host. The job needs about 40 GB free.',
      'Start the archive job from the scheduler:',
      'Verify that the new archive opens and lists its files.',
    ]);
    const [first, second] = list.items;
    assert.deepEqual(first.children.map((c) => c.type), ['paragraph', 'code']);
    assert.equal(first.children[1].type === 'code' && first.children[1].text, '$ df -h /archive\n$ rm /archive/2019-*.tar');
    // The sub-list stays a sub-list; the paragraph and config after it belong to the outer item.
    assert.deepEqual(second.children.map((c) => c.type), ['list', 'paragraph', 'code']);
    assert.match(second.children[2].type === 'code' ? second.children[2].text : '', /^\[job\]\n\s*profile = nightly$/);
  });

  it('imports every item of such a list as a step', async () => {
    const result = await importDocument(new TextEncoder().encode(RUNBOOK), 'archive.txt');
    assert.deepEqual(result.sops[0]?.steps.filter((s) => !s.parent).map((s) => s.title), [
      'Check the disk space on the archive host',
      'Start the archive job from the scheduler',
      'Verify that the new archive opens and lists its files',
    ]);
  });
});
