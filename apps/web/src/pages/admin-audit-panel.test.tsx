import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Database from 'better-sqlite3';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';

describe('the Admin → Audit log panel verifies the tenant\'s admin log on the server', () => {
  let server: InProcessServer;
  beforeAll(async () => { server = await startInProcessServer(); });
  afterAll(() => server.close());

  const openAuditAndVerify = async () => {
    renderApp(server.client, '/admin');
    await userEvent.click(await screen.findByRole('tab', { name: 'Audit log' }));
    await screen.findByRole('table', { name: 'Audit log' });
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
  };

  it('says the log is intact with the rows it checked', async () => {
    await openAuditAndVerify();
    const verdict = await screen.findByRole('status');
    expect(verdict.textContent).toMatch(/^Audit log intact\d+ row\(s\) checked: every link and the head match\.$/);
    expect(screen.queryByText('broken')).toBeNull();
  });

  it('names the row changed behind the log\'s back and marks it in the table', async () => {
    const raw = new Database(server.fixture.cliEnv.SOPFLOW_DB!);
    const row = raw.prepare<[], { id: string; seq: number }>(
      "SELECT a.id, a.seq FROM admin_audit a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'acme' AND a.action = 'user.add' AND a.target = 'ops@acme.test'",
    ).get()!;
    raw.prepare("UPDATE admin_audit SET target = 'mallory@acme.test' WHERE id = ?").run(row.id);
    raw.close();

    await openAuditAndVerify();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/^Audit log broken: 1 problem\(s\) in \d+ row\(s\)$/)).toBeTruthy();
    expect(alert.textContent).toContain(`Row ${row.seq} (${row.id}), changed:`);
    expect(alert.textContent).toMatch(/does not match its HMAC under the audit key/);
    const marked = within(screen.getByRole('table', { name: 'Audit log' })).getByText('broken').closest('tr')!;
    expect(within(marked).getByText('mallory@acme.test')).toBeTruthy();
  });
});
