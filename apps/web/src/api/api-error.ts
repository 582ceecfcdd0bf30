/** An API refusal or a failed request: the server's `{ error: { code, message, details } }`, or `network`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const NEXT_STEP: Readonly<Record<string, string>> = {
  network: 'Check that `sopflow serve` is running and reachable, then try again.',
  unauthenticated: 'Sign in again to continue.',
  not_authorised: 'Ask an owner of this workspace for the role this needs.',
  not_found: 'It may have been removed; go back to the library and open it again.',
  conflict: 'Something changed meanwhile; the page has the latest state, so try again.',
  invalid_request: 'Correct the highlighted input and try again.',
  invalid_input: 'Correct the highlighted input and try again.',
  invalid_document: 'Fix the marked lines (each says what is wrong) and save again; your edits are kept.',
  too_large: 'Split the document into smaller files and import each.',
  unsupported_media_type: 'Save the document as Markdown, Word (.docx), PDF or HTML and import it again.',
  rate_limited: 'Wait a few minutes before trying again.',
  internal: 'Try again; if it keeps failing, the server log says why.',
};

/** Pure; an error in words for a person: what happened and what to do next. */
export function describeError(error: unknown): { title: string; message: string; next: string } {
  if (error instanceof ApiError) {
    return { title: titleOf(error), message: sentence(error.message), next: NEXT_STEP[error.code] ?? 'Try again in a moment.' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: 'Something went wrong', message: sentence(message), next: 'Reload the page and try again.' };
}

function titleOf(error: ApiError): string {
  switch (error.code) {
    case 'network': return 'The server is unreachable';
    case 'unauthenticated': return 'You are signed out';
    case 'not_authorised': return 'Not allowed';
    case 'not_found': return 'Not found';
    case 'conflict': return 'That could not be done now';
    case 'rate_limited': return 'Too many attempts';
    default: return error.status >= 500 ? 'The server failed' : 'That was refused';
  }
}

function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return 'No reason was given.';
  const first = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
