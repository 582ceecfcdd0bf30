/** What went wrong, as a stable code a caller can branch on. */
export type StoreErrorCode =
  | 'open_failed' | 'corrupt_database' | 'migration_failed' | 'invalid_request'
  | 'not_found' | 'read_only' | 'store_too_new' | 'store_too_old' | 'busy' | 'invalid_user'
  | 'audit_key_mismatch' | 'audit_key_missing' | 'audit_key_unreadable' | 'unavailable' | 'not_empty';

/** A store problem a caller can act on: a bad file, a corrupt database, a broken invariant. */
export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
