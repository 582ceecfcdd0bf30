import { ApiError } from './api-error';

/** The one door to `/api`: JSON in and out, the session cookie, and the CSRF header on every change. */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** POSTs a multipart form (a file upload); the browser sets the boundary. */
  postForm<T>(path: string, form: FormData): Promise<T>;
  /** The session's CSRF token (from sign-in or `/api/auth/me`), sent as `x-csrf-token` on POST. */
  setCsrfToken(token: string | null): void;
}

export interface ApiClientOptions {
  /** Prefix of every path; default '' (same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Creates the client. Errors are thrown as ApiError: the server's code and message, or
 * `network` when no answer came.
 * @example const api = createApiClient(); const { sops } = await api.get<SopList>('/api/sops');
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let csrf: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf !== null) headers['x-csrf-token'] = csrf;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: isForm ? body : JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'network', 'the server did not answer');
    }
    const text = await response.text();
    let json: unknown = null;
    try { json = text === '' ? null : JSON.parse(text); } catch { json = null; }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `the server answered ${response.status} ${response.statusText}`, error?.details);
    }
    return json as T;
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    put: (path, body) => request('PUT', path, body),
    postForm: (path, form) => request('POST', path, form),
    setCsrfToken(token) { csrf = token; },
  };
}
