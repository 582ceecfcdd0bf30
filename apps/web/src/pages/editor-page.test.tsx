import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EditorView } from '@codemirror/view';
import { Text } from '@codemirror/state';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop, ticketSop } from '../test-support/seed-sops';
import { toEditorDiagnostics } from './editor-yaml-field';

/** The page's CodeMirror view, once its lazy chunk has loaded. */
async function editorView(): Promise<EditorView> {
  const content = await screen.findByRole('textbox', { name: /\.osop YAML$/ });
  return EditorView.findFromDOM(content)!;
}

/** Clicks Save once the page has taken the editor's change (Save is enabled only with unsaved changes). */
async function clickSave(): Promise<void> {
  const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
  await waitFor(() => expect(save.disabled).toBe(false));
  await userEvent.click(save);
}

/** Replaces the first occurrence of `from` in the editor's text, as typing would. */
function replaceInEditor(view: EditorView, from: string, to: string): void {
  const at = view.state.doc.toString().indexOf(from);
  view.dispatch({ changes: { from: at, to: at + from.length, insert: to } });
}

describe('The .osop editor', () => {
  let server: InProcessServer;
  let sopId: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    sopId = await seedSop(server.fixture, ticketSop('ticket-review', 'Ticket review'), { draft: true });
  });
  afterAll(() => server.close());

  it('marks a diagnostic from the line and column to the end of the word', () => {
    const doc = Text.of(['nodes:', '  - { id: a, type: robot }']);
    const [mark] = toEditorDiagnostics(doc, [{ code: 'schema-enum', severity: 'error', message: 'unknown type', line: 2, column: 20 }]);
    expect(doc.sliceString(mark!.from, mark!.to)).toBe('robot');
    expect(mark).toMatchObject({ severity: 'error', message: 'unknown type (schema-enum)' });
  });

  it('checks the text as it changes, lists each problem with its line, and previews a valid workflow', async () => {
    renderApp(server.client, `/drafts/${sopId}/edit`);
    const view = await editorView();
    await screen.findByRole('heading', { name: 'No problems' });
    // happy-dom has no Web Worker: the check's main-thread fallback answers here (e2e/editor-check-worker.test.ts: the worker).
    expect(screen.getByRole('region', { name: 'No problems' }).getAttribute('data-checked-by')).toBe('main-thread');
    expect(screen.getByLabelText('Outline of the workflow').textContent).toMatch(/Review the ticket/);
    await screen.findByRole('region', { name: 'Process graph of Ticket review' });
    replaceInEditor(view, 'to: close', 'to: closed');
    await screen.findByRole('heading', { name: '1 problem' });
    const problems = screen.getByRole('list', { name: 'Problems in the document' });
    const line = view.state.doc.lineAt(view.state.doc.toString().indexOf('to: closed')).number;
    expect(problems.textContent).toMatch(new RegExp(`Line ${line}, column \\d+:.*"closed" is not a node`));
    expect(screen.getByText('From the last valid text.')).toBeTruthy();
  });

  it('keeps the text when the server refuses a save, and saves it once fixed', async () => {
    renderApp(server.client, `/drafts/${sopId}/edit`);
    const view = await editorView();
    replaceInEditor(view, 'id: ticket-review', 'id: another-id');
    await clickSave();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not saved; your text is still in the editor')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'What the server found' }).textContent).toMatch(/Line 1, column 1:.*id must stay ticket-review/);
    expect(view.state.doc.toString()).toContain('id: another-id');

    replaceInEditor(view, 'id: another-id', 'id: ticket-review');
    replaceInEditor(view, 'name: Review the ticket', 'name: Check the ticket');
    // Save is still enabled from the refused attempt: wait until the page has taken the edit (the outline shows it).
    await waitFor(() => expect(screen.getByLabelText('Outline of the workflow').textContent).toMatch(/Check the ticket/));
    await clickSave();
    await screen.findByText('Saved');
    await waitFor(async () => expect((await server.client.get<{ text: string }>(`/api/sops/${sopId}/versions/current?format=json`)).text).toContain('name: Check the ticket'));
  });
});
