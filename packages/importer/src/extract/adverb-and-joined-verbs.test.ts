import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import { isImperative } from './sentences.js';

describe('instructions that open with an adverb or two joined verbs', () => {
  it('reads a manner or frequency adverb before a known verb as an instruction ("Gently place …", "Periodically review …")', () => {
    for (const s of ['Gently place the comb into the tray.', 'Slowly pour the stain over the slide.', 'Periodically review the visitor log.', 'Manually send the welcome e-mail.', 'Immediately notify the site lead.']) {
      assert.equal(isImperative(s), true, s);
    }
  });

  it('does not read a period adjective, an -ly noun or an adverb before a noun as an instruction', () => {
    for (const s of ['Daily backup of the wiki.', 'Weekly check of the eyewash.', 'Timely review of findings matters.', 'Assembly of the frame takes an hour.', 'Usually the queue drains overnight.']) {
      assert.equal(isImperative(s), false, s);
    }
  });

  it('reads a word joined by "and" to a known verb that goes on to its object as a verb ("Retrieve and wipe the laptop")', () => {
    for (const s of ['Retrieve and wipe the laptop before the last day.', 'Deactivate and archive the mailbox of the leaver.']) assert.equal(isImperative(s), true, s);
    for (const s of ['Terms and conditions apply.', 'Design and review process.', 'Salt and pepper to taste.']) assert.equal(isImperative(s), false, s);
  });

  it('makes sections whose bodies are such instructions a procedure of headings', async () => {
    const sop = await onlySop([
      '# Staining a slide', '',
      '## Stain', '',
      'Slowly pour the stain over the slide.', '',
      '## Rinse', '',
      'Gently rinse the slide under running water.', '',
      '## Equipment', '',
      'Retrieve and wipe the tray before the next run.', '',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.title), ['Stain', 'Rinse', 'Equipment']);
  });
});
