import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const steps = async (text: string, name: string) => (await importDocument(new TextEncoder().encode(text), name)).sops.flatMap((s) => s.steps);

describe('a bullet list interrupted by a note', () => {
  it('goes on after a warning and one paragraph, the note staying with the step before it', async () => {
    const md = `# Sending the newsletter

- Load the subscriber list into the mailer.
- Send a test issue to the team inbox.

!!! warning "Stop here"
    Wait until two people have read the test issue.

Once both have replied, carry on.

- Schedule the issue for Monday morning.
- Archive the draft in the shared drive.
`;
    const all = await steps(md, 'newsletter.md');
    const titles = all.map((s) => s.title);
    assert.deepEqual(titles, ['Load the subscriber list into the mailer', 'Send a test issue to the team inbox', 'Schedule the issue for Monday morning', 'Archive the draft in the shared drive']);
    assert.match(all.find((s) => s.title.startsWith('Send a test'))?.description ?? '', /two people have read the test issue/);
  });

  it('leaves two bullet lists apart when only a paragraph stands between them', async () => {
    const md = `# Our kitchen

- Wipe the counters.
- Empty the dishwasher.
- Refill the soap.

We also keep a shelf of board games.

- Chess
- Go
- Backgammon
`;
    const titles = (await steps(md, 'kitchen.md')).map((s) => s.title);
    assert.deepEqual(titles, ['Wipe the counters', 'Empty the dishwasher', 'Refill the soap']);
  });

  it('does not join across a quoted message template', async () => {
    const md = `# Telling a customer about an outage

- Find the customer's contact in the CRM.
- Copy the template below.

> Dear customer, our service was down on Monday morning.

- Order the spare parts.
- Book the engineer.
`;
    const titles = (await steps(md, 'outage.md')).map((s) => s.title);
    assert.ok(!titles.includes('Order the spare parts'), titles.join(' | '));
  });
});
