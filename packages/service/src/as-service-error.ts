import { ServiceError, isServiceError, type ServiceErrorCode } from './service-error.js';

const ENGINE_CODES: ReadonlySet<string> = new Set<ServiceErrorCode>([
  'unknown_run', 'unknown_task', 'task_closed', 'run_finished', 'already_started', 'invalid_form', 'invalid_input', 'bad_decision',
  'workflow_unavailable', 'conflict', 'auth_level_too_low', 'not_authorised', 'no_waiter',
]);

/** Store codes with a service code of their own; every other store problem is invalid_data. */
const STORE_CODES: Readonly<Record<string, ServiceErrorCode>> = {
  not_found: 'not_found', invalid_request: 'invalid_request', unavailable: 'unavailable', open_failed: 'unavailable', not_empty: 'conflict',
};

/**
 * The engine's and the store's refusals as ServiceErrors (same code where the engine has one;
 * store problems become not_found, invalid_request, unavailable (the database cannot be reached or opened) or invalid_data); undefined for anything else (a bug, rethrown).
 */
export function asServiceError(error: unknown): ServiceError | undefined {
  if (isServiceError(error)) return error;
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (error.name === 'EngineError' && typeof code === 'string') {
    return new ServiceError(ENGINE_CODES.has(code) ? (code as ServiceErrorCode) : 'conflict', error.message, (error as { details?: unknown }).details);
  }
  if (error.name === 'StoreError' && typeof code === 'string') {
    return new ServiceError(STORE_CODES[code] ?? 'invalid_data', error.message);
  }
  return undefined;
}

/** Runs a call into the engine or store; their refusals come out as ServiceErrors. */
export async function serviceCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asServiceError(error) ?? error;
  }
}
