import { createHash } from 'node:crypto';

/** The secret the audit chain, run heads and checkpoints are keyed with; kept outside the database. */
export interface AuditKey {
  /** A short fingerprint of the secret (never the secret): what the store records and messages show. */
  id: string;
  secret: Buffer;
  /** Where the key was read from, for messages. */
  path?: string;
}

/** Pure; the fingerprint of a secret: the first 16 hex digits of SHA-256 over a label and the secret. */
export function auditKeyId(secret: Buffer): string {
  return createHash('sha256').update('sopflow-audit-key\n').update(secret).digest('hex').slice(0, 16);
}
