import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { importDocument, toOsopDraft } from '@sopflow/importer';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop } from '../test-support/seed-sops';

const PROCEDURE = `# Laptop return

## Procedure

1. The employee hands the laptop to IT within 3 days.
2. IT wipes the disk. If the disk is broken, go to step 4.
3. IT records the return in the asset list.
4. IT orders a shredding of the disk.
`;

/** A draft SOP made by the real importer from PROCEDURE; returns its id. */
async function seedImportedDraft(server: InProcessServer, workflowId: string): Promise<string> {
  const result = await importDocument(new TextEncoder().encode(PROCEDURE), 'laptop-return.md');
  const osop = toOsopDraft(result.sops[0]!, { fileName: 'laptop-return.md', sha256: result.sha256 }).replace('id: laptop-return', `id: ${workflowId}`);
  return seedSop(server.fixture, osop, { draft: true });
}

async function storedText(server: InProcessServer, sopId: string): Promise<string> {
  return (await server.client.get<{ text: string }>(`/api/sops/${sopId}/versions/current?format=json`)).text;
}

describe('Draft review', () => {
  let server: InProcessServer;

  beforeAll(async () => { server = await startInProcessServer(); });
  afterAll(() => server.close());

  it('shows each step beside the source line it came from, with its role, deadline and decision', async () => {
    const id = await seedImportedDraft(server, 'laptop-return-a');
    renderApp(server.client, `/drafts/${id}`);
    const steps = await screen.findByRole('list', { name: 'Steps' });
    const second = within(steps).getByRole('listitem', { name: /^Step 2:/ });
    expect(within(second).getByText('Line 6')).toBeTruthy();
    expect(within(second).getByText('IT wipes the disk. If the disk is broken, go to step 4.')).toBeTruthy();
    expect((within(second).getByLabelText('Title of step 2') as HTMLInputElement).value).toBe('IT wipes the disk');
    expect((within(second).getByLabelText('Condition 1 of step 2') as HTMLInputElement).value).toBe('the disk is broken');
    expect((screen.getByLabelText('Deadline of step 1') as HTMLInputElement).value).toBe('3 d');
    expect(screen.getByText(/imported from laptop-return\.md/)).toBeTruthy();
  });

  it('saves an edited title and a moved step as the draft version', async () => {
    const id = await seedImportedDraft(server, 'laptop-return-b');
    renderApp(server.client, `/drafts/${id}`);
    const title = await screen.findByLabelText('Title of step 3');
    await userEvent.clear(title);
    await userEvent.type(title, 'Record the return');
    await userEvent.click(screen.getByRole('button', { name: 'Move step 3 up' }));
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    expect((screen.getByLabelText('Title of step 2') as HTMLInputElement).value).toBe('Record the return');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await screen.findByText('Saved');
    const text = await storedText(server, id);
    expect(text).toMatch(/name: Record the return\n/);
    expect(text.indexOf('name: Record the return')).toBeLessThan(text.indexOf('name: IT wipes the disk'));
  });

  it('shows the server’s diagnostics on a refused save and keeps the edits', async () => {
    const id = await seedImportedDraft(server, 'laptop-return-c');
    const before = await storedText(server, id);
    renderApp(server.client, `/drafts/${id}`);
    await userEvent.clear(await screen.findByLabelText('SOP title'));
    await userEvent.type(screen.getByLabelText('Title of step 1'), ' now');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/The draft was not saved; your edits are still here/)).toBeTruthy();
    const found = screen.getByRole('list', { name: 'What the server found' });
    expect(found.textContent).toMatch(/Line \d+, column \d+:.*name: must be at least 1 character long/);
    expect((screen.getByLabelText('Title of step 1') as HTMLInputElement).value).toMatch(/ now$/);
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    expect(await storedText(server, id)).toBe(before);
  });

  it('merges and splits steps, then publishes: the SOP is active on the reviewed text', async () => {
    const id = await seedImportedDraft(server, 'laptop-return-d');
    renderApp(server.client, `/drafts/${id}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Merge step 3 with step 4' }));
    expect(within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem', { name: /^Step \d:/ })).toHaveLength(3);
    const merged = screen.getByRole('listitem', { name: /^Step 3:/ });
    expect(within(merged).getByText('Line 7')).toBeTruthy();
    expect(within(merged).getByText('Line 8')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Split step 1' }));
    expect((screen.getByLabelText('Title of step 2') as HTMLInputElement).value).toMatch(/\(continued\)$/);
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByRole('button', { name: /^Run$/ });
    const { sop } = await server.client.get<{ sop: { status: string; steps: { title: string }[] } }>(`/api/sops/${id}`);
    expect(sop.status).toBe('active');
    expect(sop.steps).toHaveLength(4);
    await waitFor(async () => expect(await storedText(server, id)).toMatch(/\(continued\)/));
  });

  it('offers a new draft for an SOP whose versions are all published', async () => {
    const id = await seedImportedDraft(server, 'laptop-return-e');
    await server.client.post(`/api/sops/${id}/publish`);
    renderApp(server.client, `/drafts/${id}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Start a new draft' }));
    await screen.findByLabelText('Title of step 1');
    expect(screen.getByText('v0.2.0')).toBeTruthy();
  });
});
