import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../store-error.js';
import { auditKeyId, type AuditKey } from './audit-key.js';

/**
 * Reads the audit key at `path`, or creates it on first use: 32 random bytes as hex, mode 0600,
 * parent folder created (0700), written to a temporary file and linked into place so two processes
 * starting at once end up with one key. A key file others can read is refused.
 * The caller picks the path; the recommended default is `~/.config/sopflow/audit.key`,
 * overridable by `SOPFLOW_AUDIT_KEY_FILE`.
 * @example const auditKey = loadAuditKey(process.env.SOPFLOW_AUDIT_KEY_FILE ?? join(homedir(), '.config/sopflow/audit.key'));
 */
export function loadAuditKey(path: string): AuditKey {
  const file = resolve(path);
  const existing = readKeyFile(file);
  if (existing !== undefined) return existing;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file); // fails if another process created the key first: then theirs is the key
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temp);
    }
  } catch (error) {
    throw new StoreError('audit_key_unreadable', `cannot create the audit key at ${file}: ${(error as Error).message}`);
  }
  const created = readKeyFile(file);
  if (created === undefined) throw new StoreError('audit_key_unreadable', `the audit key at ${file} vanished while it was being created`);
  return created;
}

function readKeyFile(file: string): AuditKey | undefined {
  let text: string;
  try {
    const stat = statSync(file);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new StoreError('audit_key_unreadable', `the audit key at ${file} can be read by others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 ${file}`);
    }
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError('audit_key_unreadable', `cannot read the audit key at ${file}: ${(error as Error).message}`);
  }
  if (!/^[0-9a-f]{64,}$/i.test(text) || text.length % 2 !== 0) {
    throw new StoreError('audit_key_unreadable', `the audit key at ${file} is not a hex secret of at least 32 bytes`);
  }
  const secret = Buffer.from(text, 'hex');
  return { id: auditKeyId(secret), secret, path: file };
}
