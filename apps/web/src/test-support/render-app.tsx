import { render } from '@testing-library/react';
import { createMemoryHistory } from '@tanstack/react-router';
import { App } from '../app';
import type { ApiClient } from '../api/api-client';

/** Renders the whole app (theme, data, router) at `path` with this API client. */
export function renderApp(api: ApiClient, path: string) {
  return render(<App api={api} history={createMemoryHistory({ initialEntries: [path] })} />);
}
