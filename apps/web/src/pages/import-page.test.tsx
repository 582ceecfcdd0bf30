import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop, ticketSop } from '../test-support/seed-sops';

const PROCEDURE = `# Laptop return

## Procedure

1. The employee hands the laptop to IT within 3 days.
2. IT wipes the disk.
3. IT records the return in the asset list.
`;

/** Chooses a file in the page's Document field (Mantine's FileInput keeps a hidden file input); any type, as "All files" in a browser's dialog allows. */
async function chooseFile(container: HTMLElement, file: File) {
  await screen.findByText('Document');
  const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
  await userEvent.setup({ applyAccept: false }).upload(input, file);
}

describe('Import SOPs', () => {
  let server: InProcessServer;

  beforeAll(async () => {
    server = await startInProcessServer();
    await seedSop(server.fixture, ticketSop('vendor-onboarding', 'Vendor onboarding'), { draft: true });
    await seedSop(server.fixture, ticketSop('ticket-review', 'Ticket review'));
  });
  afterAll(() => server.close());

  it('lists every draft SOP in the drafts rail, and no active one', async () => {
    renderApp(server.client, '/import');
    const rail = await screen.findByRole('region', { name: 'Drafts' });
    await within(rail).findByRole('link', { name: 'Vendor onboarding' });
    expect(within(rail).queryByRole('link', { name: 'Ticket review' })).toBeNull();
    expect(within(rail).getByRole('link', { name: 'Edit Vendor onboarding as YAML' }).getAttribute('href')).toMatch(/^\/drafts\/[^/]+\/edit$/);
  });

  it('uploads a Markdown document, follows the job to its end and links the draft it made', async () => {
    const { container } = renderApp(server.client, '/import');
    await chooseFile(container, new File([PROCEDURE], 'laptop-return.md', { type: 'text/markdown' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import document' }));
    const review = await screen.findByRole('link', { name: 'Review Laptop return' });
    expect(screen.getByText('Imported.')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Import of laptop-return.md' })).toBeTruthy();
    const sops = await server.client.get<{ sops: { id: string; title: string; status: string }[] }>('/api/sops?status=draft');
    const made = sops.sops.find((s) => s.title === 'Laptop return')!;
    expect(review.getAttribute('href')).toBe(`/drafts/${made.id}`);
    await within(screen.getByRole('region', { name: 'Drafts' })).findByRole('link', { name: 'Laptop return' });
  });

  it('says in words why a document without a procedure was not imported, and what to do', async () => {
    const { container } = renderApp(server.client, '/import');
    await chooseFile(container, new File(['Just a sentence about nothing in particular.\n'], 'notes.txt', { type: 'text/plain' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import document' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The import failed')).toBeTruthy();
    expect(alert.textContent).toMatch(/notes\.txt: no procedure/i);
    expect(screen.getByText(/sopflow looks for numbered steps/)).toBeTruthy();
  });

  it('refuses a file type the importer cannot read, naming what to save it as', async () => {
    const { container } = renderApp(server.client, '/import');
    await chooseFile(container, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], 'photo.png', { type: 'image/png' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import document' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The document was not imported')).toBeTruthy();
    await waitFor(() => expect(alert.textContent).toMatch(/Markdown, Word \(\.docx\), PDF or HTML/));
  });
});
