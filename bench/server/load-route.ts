// autocannon ships no types; what is used of it is typed here.
// @ts-expect-error -- no declaration file
import autocannonUntyped from 'autocannon';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
  timeouts: number;
}
const autocannon = autocannonUntyped as (options: Record<string, unknown>) => Promise<AutocannonResult>;

/** One route's load figures: requests per second (mean), latency percentiles (ms), and the answers by status. */
export interface RouteLoad {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  statuses: Record<string, number>;
  errors: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  /** Paths taken in turn, one per request (each connection goes round them). */
  paths: string[];
  token?: string;
  /** More request headers (e.g. `accept-encoding`). */
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

/** Runs autocannon against `paths` (in turn) for `seconds` with `connections` connections. */
export async function loadRoute(options: LoadOptions): Promise<RouteLoad> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? 'GET',
    headers: { ...options.headers, ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }) },
    requests: [{
      setupRequest: (request: { path: string }) => {
        request.path = options.paths[next++ % options.paths.length]!;
        return request;
      },
    }],
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statuses[code] = stat.count;
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    requests: result.requests.total, statuses, errors: result.errors + result.timeouts,
  };
}
