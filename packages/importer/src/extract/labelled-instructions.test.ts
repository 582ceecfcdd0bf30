import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';

describe('"Label: instruction" lines', () => {
  it('makes sections whose instruction follows a label ("Render: Delete the web service") a procedure of headings', async () => {
    const sop = await onlySop([
      '# Closing a project', '',
      '## Hosting', '', 'Render: Delete the web service and its database.', '',
      '## Repositories', '', 'GitHub: Archive the repository and remove the deploy keys.', '',
      '## Billing', '', 'Stripe: Cancel the subscription for the project.', '',
      '## Domain', '', 'Let the domain lapse at the end of its term.', '',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.title), [
      'Hosting: Delete the web service and its database', 'Repositories: Archive the repository and remove the deploy keys',
      'Billing: Cancel the subscription for the project', 'Domain: Let the domain lapse at the end of its term',
    ]);
  });

  it('does not read a labelled instruction in a roles section ("Announce the handover: Tell the team …") as a role', async () => {
    const sop = await onlySop([
      '# Rota handover', '',
      '## Roles and handover', '',
      '- Night lead: Runs the ward between 20:00 and 08:00.',
      '- Announce the handover: Tell the whole team who now leads.',
      '- Record the handover: Write the time and both names in the log.', '',
      '## Steps', '',
      '1. The night lead reads the day log.',
      '2. Walk the ward with the day lead.',
      '3. Sign the handover sheet.', '',
    ].join('\n'));
    assert.ok(sop.roles.includes('Night lead'), sop.roles.join(', '));
    assert.ok(!sop.roles.some((r) => /announce|record/i.test(r)), sop.roles.join(', '));
  });
});
