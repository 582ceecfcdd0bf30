import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import { isProseAside } from './prose-asides.js';

describe('prose asides are not steps', () => {
  it('tells help pointers, placeholders and standing rules from instructions', () => {
    for (const aside of [
      'Contact the records office at (020) 7946 0018.',
      'If you have any questions, ask in the #lab-help channel.',
      'See the freezer guide for more details on racks.',
      'For the next command, replace the $SHELF variable with your shelf number.',
      'Put the study code in the subject line of any e-mails to the ethics board.',
    ]) assert.equal(isProseAside(aside), true, aside);
    for (const step of ['Contact the records office to book a slot.', 'Replace the filter cartridge.', 'See the patient within an hour.'])
      assert.equal(isProseAside(step), false, step);
  });

  it('tells a help pointer under a condition ("If the login fails, ask in #it-help") from a step under one', () => {
    for (const aside of [
      'If the login fails, ask in #it-help.',
      'When the page does not load, post a message in the support channel.',
      'If you get stuck, reach out to the platform team on Slack.',
      'If in doubt, ask the duty engineer.',
    ]) assert.equal(isProseAside(aside), true, aside);
    for (const step of ['If the login fails, reset your password.', 'When the page loads, ask the patient to sign it.', 'If the box is damaged, write to the courier.'])
      assert.equal(isProseAside(step), false, step);
  });

  it('keeps them out of a procedure written as paragraphs under headings', async () => {
    const md = [
      '# Biobank box archiving', '',
      '## Register', '', 'Open the biobank portal and register the box. Print the label it gives you.', '',
      'Contact the biobank desk at (020) 7946 0018.', '',
      '## Ship', '', 'Pack the box with dry ice. Put the study code in the subject line of any e-mails to the courier.', '',
      'Book the courier for the next morning.', '',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'archive.md');
    assert.deepEqual(r.sops.map((s) => s.steps.map((x) => x.title)), [[
      'Register', 'Print the label it gives you', 'Pack the box with dry ice', 'Book the courier for the next morning',
    ]]);
  });
});
