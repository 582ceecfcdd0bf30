import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';

describe('an address no page answers', () => {
  let server: InProcessServer;
  beforeAll(async () => { server = await startInProcessServer(); });
  afterAll(() => server.close());

  it('says "Page not found" with the path inside the top bar, and links back to the library', async () => {
    renderApp(server.client, '/no-such-page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('/no-such-page')).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Library' })).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: 'Back to the library' }));
    expect(await screen.findByRole('heading', { name: 'Library' })).toBeTruthy();
  });
});
