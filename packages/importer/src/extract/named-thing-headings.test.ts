import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';

describe('headings naming a thing over a one-line instruction', () => {
  it('titles each step by its heading and its instruction ("Mailgun: Rotate the API key …")', async () => {
    const sop = await onlySop([
      '# Rotating credentials after a leak', '',
      '## Services', '',
      '### Mailgun', '', 'Rotate the API key and paste the new one into the vault.', '',
      '### Sentry', '', 'Revoke the auth token used by the build server.', '',
      '### Postgres', '', 'Change the password of the app user. The old one stops working at once.', '',
      '### Cloudflare', '', 'Regenerate the origin certificate for every zone.', '',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.title), [
      'Mailgun: Rotate the API key and paste the new one into the vault',
      'Sentry: Revoke the auth token used by the build server',
      'Postgres: Change the password of the app user',
      'Cloudflare: Regenerate the origin certificate for every zone',
    ]);
  });

  it('yields no steps from a handbook page whose headings hold descriptions, not instructions', async () => {
    const sop = await onlySop([
      '# Team handbook', '',
      '## Our tools', '',
      '### Mailgun', '', 'Mailgun is the service that sends our transactional email. It was chosen in 2019.', '',
      '### Sentry', '', 'Sentry collects the errors raised by the web app and the workers.', '',
      '### Postgres', '', 'Postgres holds every customer record; backups run nightly.', '',
      '## Onboarding', '',
      '1. Ask IT for a laptop.',
      '2. Join the team channel.',
      '3. Read the security policy.', '',
    ].join('\n'));
    assert.ok(!sop.steps.some((s) => /Mailgun|Sentry|Postgres/.test(s.title)), sop.steps.map((s) => s.title).join(' | '));
  });
});
