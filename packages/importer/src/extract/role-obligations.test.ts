import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import { roleSubject } from './sentences.js';

describe('roles that handbooks give obligations and charges', () => {
  it('reads "needs to", "has to", "in charge of", "accountable for" and "It is the X\'s responsibility to"', () => {
    assert.equal(roleSubject('The shop steward needs to count the votes.'), 'shop steward');
    assert.equal(roleSubject('The site lead has to sign the permit.'), 'site lead');
    assert.equal(roleSubject('The kitchen manager is in charge of the fridge log.'), 'kitchen manager');
    assert.equal(roleSubject('The quality officer is accountable for the final check.'), 'quality officer');
    assert.equal(roleSubject("It is the curator's responsibility to label each box."), 'curator');
    assert.equal(roleSubject('The bucket needs to be emptied.'), undefined);
  });

  it('reads any bare word after a role and an obligation as its action, and knows more people nouns', () => {
    assert.equal(roleSubject('A volunteer must proofread the poster.'), 'volunteer');
    assert.equal(roleSubject('The new hire will shadow the night porter.'), 'new hire');
    assert.equal(roleSubject('The facilitator runs the retro.'), 'facilitator');
    assert.equal(roleSubject('The volunteer must not enter the store.'), undefined);
    assert.equal(roleSubject('The report will be filed.'), undefined);
  });

  it('gives those roles to the steps and the procedure', async () => {
    const sop = await onlySop([
      '# Running a book sale', '', '## Steps', '',
      '1. The treasurer needs to bring the cash box.',
      '2. Each volunteer should sort one crate.',
      '3. It is the organiser\'s job to count the takings.',
      '4. Lock the hall.', '',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.role ?? '-'), ['treasurer', 'volunteer', 'organiser', '-']);
  });
});
