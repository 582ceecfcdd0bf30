import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isImperative } from './sentences.js';

describe('verbs outside the lexicon read from the sentence shape', () => {
  it('takes a bare word before a determiner or a particle, or an -ise verb, as an instruction', () => {
    for (const s of ['Vortex the buffer for ten seconds.', 'Spin down the cuvettes briefly.', 'Re-cap all tubes before storage.', 'Sanitise benches with ethanol.', 'Aliquot 50 mL into each flask.']) {
      assert.equal(isImperative(s), true, s);
    }
  });

  it('does not take nouns, plurals, past forms or subjects for instructions', () => {
    for (const s of ['Data the team collected is stored here.', 'Tubes the size of a thumb.', 'Organisation of the lab.', 'Reagents are kept cold.', 'Cleaned the plates.', 'Table 3 lists the buffers.', 'Normalise is a command.']) {
      assert.equal(isImperative(s), false, s);
    }
  });
});

describe('operations verbs and settings in front of an instruction', () => {
  it('reads chat, shell and on-call verbs as instructions, and an instruction after a setting ("At the start of …, read …")', () => {
    for (const s of ['Join the incident bridge if you are not in it yet.', 'Comment on every open ticket.', 'Silence the flapping alert.', 'Uncordon the node afterwards.', 'At the start of each shift, read the handover notes.', 'For every tray, label the lid.']) {
      assert.equal(isImperative(s), true, s);
    }
  });

  it('does not strip a setting when a subject follows it', () => {
    for (const s of ['In this phase, Acme\'s desk attempts a fix.', 'At the end, Team Blue wins.']) assert.equal(isImperative(s), false, s);
  });
});

describe('everyday operations verbs', () => {
  it('reads "see if", "fetch", "try", "avoid", "be sure" and friends as instructions', () => {
    for (const s of ['See if the queue has drained.', 'Fetch certain details of the broken host:', 'Try restarting the agent.', 'Avoid merging on release day.', 'Be sure to add the mount to the table.', 'Be sure both disks are in one group.', 'Bump the version in the manifest.', 'Clone the tools repository.']) {
      assert.equal(isImperative(s), true, s);
    }
  });

  it('does not read "Be" without "sure" or a noun use of the verbs as instructions', () => {
    for (const s of ['Be aware that the queue is slow.', 'Fetches are retried twice.', 'Tries are counted per user.', 'If it worked, you should see something like:']) assert.equal(isImperative(s), false, s);
  });
});
