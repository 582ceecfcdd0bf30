import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAuditKey, StoreError } from '../index.js';
import { tempDir } from '../test-support/contract-stores.js';

describe('loadAuditKey', () => {
  it('creates the key on first use (32 random bytes as hex, mode 0600, folder created) and reads the same key after', () => {
    const file = join(tempDir(), 'config', 'sopflow', 'audit.key');
    const created = loadAuditKey(file);
    assert.match(readFileSync(file, 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.equal(created.secret.length, 32);
    assert.match(created.id, /^[0-9a-f]{16}$/);
    assert.equal(created.path, file);
    if (process.platform !== 'win32') {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(join(file, '..')).mode & 0o077, 0);
    }
    const again = loadAuditKey(file);
    assert.equal(again.id, created.id);
    assert.deepEqual(again.secret, created.secret);
    assert.notEqual(loadAuditKey(join(tempDir(), 'other.key')).id, created.id);
  });

  it('refuses a key file others can read, and one that is not a hex secret of 32 bytes', { skip: process.platform === 'win32' }, () => {
    const dir = tempDir();
    const open = join(dir, 'open.key');
    writeFileSync(open, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
    chmodSync(open, 0o644);
    assert.throws(() => loadAuditKey(open), (e: unknown) => e instanceof StoreError && e.code === 'audit_key_unreadable' && /can be read by others \(mode 644\); run chmod 600/.test(e.message));
    const short = join(dir, 'short.key');
    writeFileSync(short, 'abcd\n', { mode: 0o600 });
    assert.throws(() => loadAuditKey(short), (e: unknown) => e instanceof StoreError && e.code === 'audit_key_unreadable' && /not a hex secret of at least 32 bytes/.test(e.message));
  });
});
