/** A store problem a caller can act on: a bad file, a corrupt database, a broken invariant. */
export class StoreError extends Error {
  constructor(readonly code: 'open_failed' | 'corrupt_database' | 'migration_failed' | 'invalid_request', message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
