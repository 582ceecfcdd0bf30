import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('headings of a procedure that each hold a bullet list of instructions', () => {
  it('make the bullets the steps, in order, the headings saying where they are done', async () => {
    const md = [
      '# Newsletter procedure - how to send the issue', '',
      '## in the shared drive', '', '- copy last month\'s template', '', '- paste the new articles', '', '- check every link', '',
      '## in the mailing tool', '', '- import the finished document', '- send a test to the editor', '',
      '## on the website', '', '- publish the issue on the archive page', '',
      '## afterwards', '', '- a cup of tea is recommended',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'newsletter.md');
    const titles = r.sops.flatMap((s) => s.steps.map((x) => x.title));
    assert.deepEqual(titles.slice(0, 6), [
      "Copy last month's template", 'Paste the new articles', 'Check every link', 'Import the finished document', 'Send a test to the editor', 'Publish the issue on the archive page',
    ]);
    assert.ok(!titles.includes('In the shared drive'), titles.join(' | '));
  });
});

describe('group headings of a week (days, phases) that each list instructions', () => {
  it('are one procedure: the headings group, their bullets are the steps — not only the one list of pure instructions', async () => {
    const md = [
      '# Cleaning rota', '', 'Everyone in the flat takes a week.', '', '## Your cleaning week', '',
      '### Monday', '', '- Take out the recycling.', '- Wipe the kitchen counters.', '- The bin lorry comes early.', '',
      '### Midweek', '', '- Hoover the hallway.', '- Clean the bathroom sink.', '- Descale the kettle.', '',
      '### Sunday', '', '- Mop the kitchen floor.', '- Hand the rota card to the next person.', '',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'rota.md');
    assert.deepEqual(r.sops.map((s) => s.steps.map((x) => `${x.parent ? '  ' : ''}${x.title}`)), [[
      'Monday', '  Take out the recycling', '  Wipe the kitchen counters', '  The bin lorry comes early',
      'Midweek', '  Hoover the hallway', '  Clean the bathroom sink', '  Descale the kettle',
      'Sunday', '  Mop the kitchen floor', '  Hand the rota card to the next person',
    ]]);
  });
});

