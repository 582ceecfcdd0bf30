import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('an announced process whose items are told in the passive', () => {
  it('has each passive item as a step, and leaves out the rules among them', async () => {
    const r = await importDocument(new TextEncoder().encode([
      '# Publishing the newsletter', '',
      'Our publishing process includes the following:', '',
      '- Articles are collected from the editors by the 20th',
      '- The draft is proofread by a second volunteer',
      '- Late articles are not allowed',
      '- No more than two days before sending, the draft is approved by the chair',
      '- The newsletter is sent to the mailing list',
      '- Archive the issue on the website',
    ].join('\n')), 'newsletter.md');
    const titles = r.sops.flatMap((s) => s.steps.map((x) => x.title));
    assert.deepEqual(titles, [
      'Articles are collected from the editors by the 20th',
      'The draft is proofread by a second volunteer',
      'No more than two days before sending, the draft is approved by the chair',
      'The newsletter is sent to the mailing list',
      'Archive the issue on the website',
    ]);
  });

  it('does not read a list of features "the plan includes" as steps', async () => {
    const r = await importDocument(new TextEncoder().encode([
      '# Membership', '', 'The basic plan includes the following:', '',
      '- Two tickets are included per month', '- Parking is allowed on weekdays', '- A locker is provided at the club', '',
    ].join('\n')), 'plan.md');
    assert.equal(r.sops.length, 0, JSON.stringify(r.sops.map((s) => s.steps.map((x) => x.title))));
  });
});
