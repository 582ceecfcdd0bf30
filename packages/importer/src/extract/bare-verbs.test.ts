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
