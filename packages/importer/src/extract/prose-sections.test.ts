import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const titlesOf = async (markdown: string): Promise<string[][]> => {
  const r = await importDocument(new TextEncoder().encode(markdown), 'test.md');
  return r.sops.map((s) => s.steps.map((x) => x.title));
};

describe('a procedure written as paragraphs under several headings', () => {
  it('makes each instruction sentence a step, the first under an imperative heading titled by it', async () => {
    const titles = await titlesOf([
      '# Joining the choir', '', '*Allow a month: auditions are only held twice a term.*', '',
      '## Book an audition', '', 'Open the choir portal and pick a free slot. You will get a confirmation e-mail.', '',
      'Tell the section leader which voice part you sing.', '',
      '## Paperwork', '', 'Sign the volunteer agreement. You can do this by replying to the confirmation e-mail.',
      'You will need to send a photo for your badge.', '',
      '## First rehearsal', '', 'Note: rehearsals start at seven sharp.', '', 'Collect your folder from the librarian.',
      'Return the folder after the concert.',
    ].join('\n'));
    assert.deepEqual(titles, [[
      'Book an audition', 'Tell the section leader which voice part you sing', 'Sign the volunteer agreement',
      'Send a photo for your badge', 'Collect your folder from the librarian', 'Return the folder after the concert',
    ]]);
  });

  it('leaves sections that hold one instruction each to their headings, and a numbered list to itself', async () => {
    const oneEach = await titlesOf([
      '# Weekly backup check', '', '## Look at the dashboard', '', 'Open the backup dashboard.', '',
      '## Compare the sizes', '', 'Compare last night with the week before.', '', '## Report', '', 'Post the result in the ops channel.', '',
      '## Archive', '', 'Move the report to the archive folder.',
    ].join('\n'));
    assert.deepEqual(oneEach, [['Look at the dashboard', 'Compare the sizes', 'Report', 'Archive']]);
    const list = await titlesOf([
      '# Desk move', '', '## Before', '', 'Pack your drawer. Label the box.', '', '## Moving day', '',
      '1. Unplug the monitor.', '2. Carry the box.', '3. Plug the monitor in.', '4. Test the dock.', '5. Unpack.',
      '', '## After', '', 'Return the crate. Report any damage.',
    ].join('\n'));
    assert.equal(list[0].length, 5);
  });

  it('reads an instruction ending in a colon over a command as a step, not as a lead-in', async () => {
    const titles = await titlesOf([
      '# Rotating the archive disk', '', '## Prepare', '', 'Log in to the archive host. Stop the nightly job:', '', '```', 'systemctl stop archive.timer', '```', '',
      '## Swap', '', 'Unmount the old disk:', '', '```', 'umount /srv/archive', '```', '', 'Mount the new one in its place. Start the nightly job again.', '',
    ].join('\n'));
    assert.deepEqual(titles, [['Prepare', 'Stop the nightly job', 'Unmount the old disk', 'Mount the new one in its place', 'Start the nightly job again']]);
  });

  it('keeps a numbered action heading over its numbered list as the step the list details', async () => {
    const titles = await titlesOf([
      '# Closing the shop', '', '## Till', '', 'Count the cash in the till. Write the total on the slip.', '',
      '## 2. Lock up the storeroom', '', '1. Switch off the lights.', '2. Turn the key twice.', '',
      '## Alarm', '', 'Set the alarm at the back door. Leave within a minute.', '',
    ].join('\n'));
    assert.deepEqual(titles, [['Count the cash in the till', 'Write the total on the slip', 'Lock up the storeroom', 'Switch off the lights', 'Turn the key twice', 'Set the alarm at the back door', 'Leave within a minute']]);
  });

  it('titles only the first step of a section by its action heading, not a sentence after its list', async () => {
    const titles = await titlesOf([
      '# Joining the rota', '', '## Ask your lead', '', 'Ask your lead for a slot. Tell them which weeks you cannot do.', '',
      '## Set up the pager', '', '1. Install the pager app.', '2. Sign in with your work account.', '',
      'If the app crashes, reinstall it from the portal.', '',
      '## Hand over', '', 'Write a note for the next person. Post it in the rota channel.', '',
    ].join('\n'));
    assert.deepEqual(titles, [[
      'Ask your lead', 'Tell them which weeks you cannot do', 'Install the pager app', 'Sign in with your work account', 'Reinstall it from the portal',
      'Hand over', 'Post it in the rota channel',
    ]]);
  });

  it('keeps a numbered action heading that holds only sub-sections as a step before their instructions', async () => {
    const titles = await titlesOf([
      '# Closing the shop', '', '## Till', '', 'Count the cash in the till. Write the total on the slip.', '',
      '## 2. Lock up the rooms', '', '### Storeroom', '', 'Switch off the storeroom lights. Turn the key twice.', '',
      '### Office', '', 'Close the office blinds. Lock the office door.', '',
      '## Alarm', '', 'Set the alarm at the back door.', '',
    ].join('\n'));
    assert.deepEqual(titles, [[
      'Count the cash in the till', 'Write the total on the slip', 'Lock up the rooms', 'Switch off the storeroom lights', 'Turn the key twice',
      'Close the office blinds', 'Lock the office door', 'Set the alarm at the back door',
    ]]);
  });
});

