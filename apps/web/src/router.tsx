import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api/api-client';
import { ApiError } from './api/api-error';
import { ensureMe, prefetchLibrary } from './api/queries';
import { AppLayout } from './layout/app-layout';
import type { SopSort } from './pages/filter-sops';

/** The SOP page's tabs, kept in the address (`?tab=`); Steps is the default. */
export const SOP_TABS = ['steps', 'graph', 'runs', 'versions', 'opportunities', 'debrief', 'delegation'] as const;
export type SopTab = (typeof SOP_TABS)[number];

export interface RouterContext { api: ApiClient; queryClient: QueryClient }

/** The library's filters and page (from 2; the first is no `page`), kept in the address so a filtered view can be shared. */
export interface LibrarySearch { q?: string; status?: string; workstream?: string; sort?: SopSort; page?: number }

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { next?: string } => (typeof search.next === 'string' ? { next: search.next } : {}),
  component: lazyRouteComponent(() => import('./pages/sign-in-page'), 'SignInPage'),
});

/** Every page behind sign-in: no session sends the browser to Sign in, and back afterwards. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  beforeLoad: async ({ context, location }) => {
    try {
      await ensureMe(context.api, context.queryClient);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw redirect({ to: '/sign-in', search: { next: location.href } });
      throw error;
    }
  },
});

const libraryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): LibrarySearch => ({
    ...(typeof search.q === 'string' && search.q !== '' ? { q: search.q } : {}),
    ...(typeof search.status === 'string' ? { status: search.status } : {}),
    ...(typeof search.workstream === 'string' ? { workstream: search.workstream } : {}),
    ...(search.sort === 'updated' || search.sort === 'status' ? { sort: search.sort } : {}),
    ...(Number.isInteger(Number(search.page)) && Number(search.page) > 1 ? { page: Number(search.page) } : {}),
  }),
  // The SOPs and workstreams are asked for while the page's code loads, not after.
  loader: ({ context }) => prefetchLibrary(context.api, context.queryClient),
  component: lazyRouteComponent(() => import('./pages/library-page'), 'LibraryPage'),
});

const sopRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sops/$sopId',
  validateSearch: (search: Record<string, unknown>): { tab?: SopTab } => (SOP_TABS.includes(search.tab as SopTab) && search.tab !== 'steps' ? { tab: search.tab as SopTab } : {}),
  component: lazyRouteComponent(() => import('./pages/sop-detail-page'), 'SopDetailPage'),
});

const runRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/runs/$runId',
  component: lazyRouteComponent(() => import('./pages/run-page'), 'RunPage'),
});

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks',
  component: lazyRouteComponent(() => import('./pages/tasks-page'), 'TasksPage'),
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/import',
  component: lazyRouteComponent(() => import('./pages/import-page'), 'ImportPage'),
});

const portfolioRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/portfolio',
  component: lazyRouteComponent(() => import('./pages/portfolio-page'), 'PortfolioPage'),
});

const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin',
  component: lazyRouteComponent(() => import('./pages/admin-page'), 'AdminPage'),
});

const hubRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/hub',
  component: lazyRouteComponent(() => import('./pages/hub-page'), 'HubPage'),
});

const draftReviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/drafts/$sopId',
  component: lazyRouteComponent(() => import('./pages/draft-review-page'), 'DraftReviewPage'),
});

const editorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/drafts/$sopId/edit',
  component: lazyRouteComponent(() => import('./pages/editor-page'), 'EditorPage'),
});

/** Every address no other page matches (the splat ranks last), answered inside the app's frame. */
const notFoundRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '$',
  component: lazyRouteComponent(() => import('./pages/not-found-page'), 'NotFoundPage'),
});

const routeTree = rootRoute.addChildren([signInRoute, appRoute.addChildren([libraryRoute, sopRoute, runRoute, tasksRoute, importRoute, portfolioRoute, adminRoute, hubRoute, draftReviewRoute, editorRoute, notFoundRoute])]);

/** The one router: sign-in, library, SOP detail, run, tasks, import, draft review, the .osop editor, portfolio, admin, the hub and a not-found page; each page is its own chunk. */
export function createAppRouter(context: RouterContext, options: { history?: Parameters<typeof createRouter>[0]['history'] } = {}) {
  return createRouter({ routeTree, context, defaultPreload: 'intent', scrollRestoration: true, ...(options.history === undefined ? {} : { history: options.history }) });
}

declare module '@tanstack/react-router' {
  interface Register { router: ReturnType<typeof createAppRouter> }
}
