import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';

describe('signing in and out', () => {
  let server: InProcessServer;

  beforeAll(async () => { server = await startInProcessServer(); });
  afterAll(() => server.close());

  it('signs in with email and password, shows who is signed in, and signs out back to Sign in', async () => {
    server.useSessionOnly();
    renderApp(server.client, '/tasks');
    await userEvent.type(await screen.findByLabelText(/^Email/), 'ops@acme.test');
    await userEvent.type(screen.getByLabelText(/^Password/), 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not sign in');

    await userEvent.clear(screen.getByLabelText(/^Password/));
    await userEvent.type(screen.getByLabelText(/^Password/), 'correct horse battery staple');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Tasks' })).toBeTruthy();
    expect(await screen.findByText('ops@acme.test')).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Tasks/ }).getAttribute('aria-current')).toBe('page');

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
