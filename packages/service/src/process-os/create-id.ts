import { randomBytes } from 'node:crypto';

/** A new id that sorts by creation time: `PREFIX_` + milliseconds in base 36 (9 digits) + 12 random hex digits. */
export function createId(prefix: string, now: Date = new Date()): string {
  return `${prefix}_${now.getTime().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}
