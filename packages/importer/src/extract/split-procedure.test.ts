import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importDocument } from '../index.js';

const md = (text: string, name = 'doc.md') => importDocument(new TextEncoder().encode(text), name);

const SPLIT = `# Greenhouse opening checklist

## Before the doors open
- [ ] Unlock the pump room and the seed store.
- [ ] Switch on the misting system.

## Benches
- [ ] Water the seedling trays on the east bench.
- [ ] Record the minimum night temperature.

## Visitors
- [ ] Put out the visitor book at the entrance.
- [ ] Open the till and count the float.
`;

const CONTINUED = `# Plate pouring

## Pouring
1. Melt the agar in the microwave until clear.

#### Table 1. Volumes per plate size
Plate | Volume
--- | ---
90 mm | 20 mL

2. Cool the agar to about 50 °C.
3. Pour the plates next to the flame.
`;

describe('one procedure split across several headings', () => {
  it('reads task lists under several plain headings as one procedure of all their items', async () => {
    const result = await md(SPLIT);
    assert.equal(result.sops.length, 1, result.sops.map((s) => s.title).join(' | '));
    assert.equal(result.sops[0].title, 'Greenhouse opening checklist');
    assert.equal(result.sops[0].steps.length, 6);
    assert.match(result.sops[0].steps[5].title, /Open the till/);
  });

  it('keeps sections that name procedures of their own apart', async () => {
    const result = await md(SPLIT.replace('## Benches', '## Bench procedure').replace('## Visitors', '## Visitor procedure'));
    assert.ok(result.sops.length >= 2, result.sops.map((s) => s.title).join(' | '));
  });

  it('joins a numbered list interrupted by a table caption and a table and continued with the next number', async () => {
    const result = await md(CONTINUED);
    assert.equal(result.sops.length, 1);
    assert.deepEqual(result.sops[0].steps.map((s) => s.title.split(' ')[0]), ['Melt', 'Cool', 'Pour']);
    assert.match(result.sops[0].steps[0].description, /Volumes per plate size/);
  });
});

describe('a bullet list inside a procedure of action headings', () => {
  it('stays in its section instead of replacing the procedure', async () => {
    const doc = '# Workshop lifecycle\n\n## Venue\n\nBook the room and confirm the caterer.\n\n## Speakers\n\nInvite the speakers and collect their slides.\n\n## Registration\n\nOpen the registration form and send the reminder.\n\n## Wrap-up\n\n- thank the speakers\n- send the survey to attendees\n- once it closes, share the results with the team\n';
    const result = await md(doc);
    assert.equal(result.sops.length, 1);
    const steps = result.sops[0].steps;
    assert.deepEqual(steps.filter((s) => !s.parent).map((s) => s.title), [
      'Venue: Book the room and confirm the caterer', 'Speakers: Invite the speakers and collect their slides',
      'Registration: Open the registration form and send the reminder', 'Wrap-up',
    ]);
    // The group heading "Wrap-up" lists its instructions: they are its sub-steps (heading-contents.ts).
    const wrapUp = steps.find((s) => s.title === 'Wrap-up')!;
    assert.deepEqual(steps.filter((s) => s.parent).map((s) => [s.title, s.parent]), [
      ['Thank the speakers', wrapUp.sequence_order], ['Send the survey to attendees', wrapUp.sequence_order], ['Once it closes, share the results with the team', wrapUp.sequence_order],
    ]);
  });
});
