import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSecretSource } from './create-secret-source.js';
import { parseSecretsFile } from './parse-secrets-file.js';
import { redactTokenShapes } from './redact-token-shapes.js';
import { redactValue } from './redact-value.js';

const dir = mkdtempSync(join(tmpdir(), 'sopflow-secrets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function secretsFile(text: string, mode = 0o600): string {
  const file = join(dir, `secrets-${Math.random().toString(36).slice(2)}.env`);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

describe('parseSecretsFile', () => {
  it('reads NAME=value lines, quotes, export and comments', () => {
    const parsed = parseSecretsFile([
      '# comment', '', 'PLAIN=abc def # trailing', 'export EXPORTED=yes', `SINGLE='a "b" \\n'`,
      'DOUBLE="line1\\nline2 \\"q\\""', 'EMPTY=', 'HASH=a#b',
    ].join('\n'));
    assert.deepEqual(Object.fromEntries(parsed.values), {
      PLAIN: 'abc def', EXPORTED: 'yes', SINGLE: 'a "b" \\n', DOUBLE: 'line1\nline2 "q"', EMPTY: '', HASH: 'a#b',
    });
    assert.deepEqual(parsed.problems, []);
  });

  it('reports malformed lines by number without their content', () => {
    const parsed = parseSecretsFile('GOOD=1\nthis is not a pair hunter2\nBAD="unterminated hunter2\n');
    assert.deepEqual(Object.fromEntries(parsed.values), { GOOD: '1' });
    assert.deepEqual(parsed.problems, ['line 2: expected NAME=value', 'line 3: BAD has an unterminated quote']);
    assert.ok(parsed.problems.every((problem) => !problem.includes('hunter2')));
  });
});

describe('createSecretSource', () => {
  it('reads names from the environment first, then the secrets file', () => {
    const file = secretsFile('DB_PASSWORD=from-file-pw\nSHARED=file-value\n');
    const source = createSecretSource({ env: { SHARED: 'env-value' }, file });
    assert.equal(source.get('DB_PASSWORD'), 'from-file-pw');
    assert.equal(source.get('SHARED'), 'env-value');
    assert.equal(source.get('MISSING'), undefined);
    assert.deepEqual(source.warnings, []);
  });

  it('warns when the secrets file is readable by every user', () => {
    const file = secretsFile('X=1\n', 0o644);
    const source = createSecretSource({ env: {}, file });
    assert.equal(source.warnings.length, 1);
    assert.match(source.warnings[0], /readable by every user; run: chmod 600/);
  });

  it('warns (and does not throw) when the file is missing', () => {
    const source = createSecretSource({ env: {}, file: join(dir, 'absent.env') });
    assert.match(source.warnings[0], /cannot be read \(ENOENT\)/);
    assert.equal(source.get('X'), undefined);
  });

  it('redacts file values, secret-looking env names, listed names and values read through get', () => {
    const file = secretsFile('WEBHOOK=hook-value-123\n');
    const source = createSecretSource({
      env: { GITHUB_TOKEN: 'tok-abcdef', PATH: '/usr/bin', DB_URL: 'postgres://u:pw@db/x', PLAIN: 'plain-secret' },
      file,
      names: ['DB_URL'],
    });
    source.get('PLAIN');
    const text = 'hook-value-123 tok-abcdef postgres://u:pw@db/x plain-secret /usr/bin';
    assert.equal(source.redact(text), '[REDACTED] [REDACTED] [REDACTED] [REDACTED] /usr/bin');
  });

  it('replaces a longer secret whole even when it contains a shorter one', () => {
    const source = createSecretSource({ env: { A_TOKEN: 'abcd', B_TOKEN: 'abcdefgh' } });
    assert.equal(source.redact('x abcdefgh y abcd'), 'x [REDACTED] y [REDACTED]');
  });

  it('does not redact values shorter than four characters', () => {
    const source = createSecretSource({ env: { SHORT_TOKEN: 'ab' } });
    assert.equal(source.redact('ab cab'), 'ab cab');
  });
});

describe('redactTokenShapes', () => {
  it('redacts common token shapes it was never told about', () => {
    const samples = [
      'sk-proj-abcdefghijklmnop1234', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'AKIAABCDEFGHIJKLMNOP',
      'xoxb-1234567890-abcdef', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ];
    for (const sample of samples) assert.equal(redactTokenShapes(`key: ${sample}.`), 'key: [REDACTED].', sample);
    assert.equal(redactTokenShapes('Authorization: Bearer abc.def-123456'), 'Authorization: Bearer [REDACTED]');
    assert.equal(redactTokenShapes('{"authorization":"Basic dXNlcjpwYXNz"}'), '{"authorization":"Basic [REDACTED]"}');
    assert.equal(redactTokenShapes('curl -H "Bearer 0123456789abcdefXYZ"'), 'curl -H "Bearer [REDACTED]"');
    assert.equal(redactTokenShapes('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----'), '[REDACTED]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'The task-list has 12 items; see https://example.org/path?x=1 and skip-this. Basic configuration loaded; bearer shares settled.';
    assert.equal(redactTokenShapes(text), text);
  });
});

describe('redactValue', () => {
  it('redacts strings and keys deep inside JSON values, keeping other types', () => {
    const source = createSecretSource({ env: { API_KEY: 'k-123456' } });
    assert.deepEqual(redactValue({ a: ['x k-123456', 1, true, null], 'k-123456': { b: 'k-123456' } }, source), {
      a: ['x [REDACTED]', 1, true, null], '[REDACTED]': { b: '[REDACTED]' },
    });
  });
});
