import { useState } from 'react';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, type RouterHistory } from '@tanstack/react-router';
import { createApiClient, type ApiClient } from './api/api-client';
import { ApiProvider } from './api/api-context';
import { ApiError } from './api/api-error';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'sopflow-color-scheme' });

/** Makes the query client: no retries on refusals (4xx), a short retry on network errors; `onSignedOut` on any 401. */
export function createQueryClient(onSignedOut: () => void = () => {}): QueryClient {
  return new QueryClient({
    // The session query itself is the router's to handle (beforeLoad redirects); any other 401 means the session ended.
    queryCache: new QueryCache({ onError: (error, query) => { if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== 'me') onSignedOut(); } }),
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
    // A session that ends while a page is open (expired, signed out elsewhere) goes back to Sign in.
    const queryClient = createQueryClient(() => {
      const { pathname, href } = router.state.location;
      if (pathname !== '/sign-in') void router.navigate({ to: '/sign-in', search: { next: href } });
    });
    const router = createAppRouter({ api: client, queryClient }, history === undefined ? {} : { history });
    return { client, queryClient, router };
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
