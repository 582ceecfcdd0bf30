import { useState } from 'react';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, type RouterHistory } from '@tanstack/react-router';
import { createApiClient, type ApiClient } from './api/api-client';
import { ApiProvider } from './api/api-context';
import { ApiError } from './api/api-error';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'sopflow-color-scheme' });

/** Makes the query client: no retries on refusals (4xx), a short retry on network errors. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

/** The whole app: theme (light/dark, following the system until chosen), data, API client and router. */
export function App({ api, history }: { api?: ApiClient; history?: RouterHistory }) {
  const [state] = useState(() => {
    const client = api ?? createApiClient();
    const queryClient = createQueryClient();
    return { client, queryClient, router: createAppRouter({ api: client, queryClient }, history === undefined ? {} : { history }) };
  });
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <QueryClientProvider client={state.queryClient}>
        <ApiProvider client={state.client}>
          <RouterProvider router={state.router} />
        </ApiProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
