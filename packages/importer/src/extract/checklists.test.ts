import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument, type ImportedSop } from '../index.js';
import { roleOfHeading } from './role-headings.js';

const sopOf = async (markdown: string): Promise<ImportedSop> => {
  const r = await importDocument(new TextEncoder().encode(markdown), 'test.md');
  assert.equal(r.sops.length, 1, JSON.stringify(r.sops.map((s) => s.title)));
  return r.sops[0];
};

describe('checklists', () => {
  it('reads Yes/No/Comment tables under several headings as one procedure whose steps are the checks', async () => {
    const sop = await sopOf([
      '# Boat pre-launch inspection', '', 'Use this list before each launch.', '',
      '## Hull', '', '| Check | Yes | No | Comment |', '|---|---|---|---|',
      '| Drain plug is fitted | | | |', '| No cracks along the keel<br>No soft spots near the transom | | | |', '| Bilge is dry | | | |', '',
      '## Engine', '', '| Check | Yes | No | N/A |', '|---|---|---|---|',
      '| Fuel level above a quarter | | | |', '| Kill cord attached to the helm | | | |', '',
      '## Safety gear', '', '| Item | Y/N | Comments |', '|---|---|---|',
      '| Life jackets for every passenger | | |', '| Flares within date | | |',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.title), [
      'Drain plug is fitted', 'No cracks along the keel; no soft spots near the transom', 'Bilge is dry',
      'Fuel level above a quarter', 'Kill cord attached to the helm', 'Life jackets for every passenger', 'Flares within date',
    ]);
    assert.ok(sop.steps.every((s) => s.source.from === 'checklist'));
  });

  it('gives task-list items grouped under role headings the role of their heading', async () => {
    const sop = await sopOf([
      '# New volunteer onboarding', '',
      '## Volunteer coordinator', '', '- [ ] Send the welcome email', '- [ ] Book the induction session', '- [x] Add the volunteer to the rota', '',
      '## For the volunteer', '', '- [ ] Read the safeguarding guide', '- [ ] Sign the code of conduct', '',
      '## Site supervisor tasks', '', '- [ ] Give a tour of the warehouse', '- [ ] Issue a hi-vis vest',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.role), ['Volunteer coordinator', 'Volunteer coordinator', 'Volunteer coordinator', 'volunteer', 'volunteer', 'Site supervisor', 'Site supervisor']);
    assert.deepEqual(sop.roles, ['Volunteer coordinator', 'volunteer', 'Site supervisor']);
  });

  it('reads a role from a heading only when the heading names a person', () => {
    assert.equal(roleOfHeading("Mentor's checklist"), 'Mentor');
    assert.equal(roleOfHeading('Tasks for the new starter'), 'new starter');
    assert.equal(roleOfHeading('Line manager (before day one)'), 'Line manager');
    assert.equal(roleOfHeading('Your computer'), undefined);
    assert.equal(roleOfHeading('Physical setup'), undefined);
    assert.equal(roleOfHeading('VPN'), undefined);
  });
});

describe('task boxes written as text', () => {
  it('reads "[ ] …" and "☑ …" list items (as Word and HTML conversions carry them) as a task list', async () => {
    const sop = await sopOf(['# Closing the studio', '', '- [ ] Switch off the kiln', '- \\[x] Lock the glaze cupboard', '- ☐ Empty the clay trap'].join('\n'));
    assert.deepEqual(sop.steps.map((s) => [s.title, s.source.from]), [['Switch off the kiln', 'checklist'], ['Lock the glaze cupboard', 'checklist'], ['Empty the clay trap', 'checklist']]);
  });
});
