import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecretSource } from '../../ports/step-executor.js';
import { makeNode, makeRequest } from '../../../test-support/executor-request.js';
import { createStepRedactor, runRedacted } from './create-step-redactor.js';

/** A source that knows values but redacts nothing itself, like a careless custom implementation. */
const silentSource = (values: Record<string, string>): SecretSource => ({ get: (name) => values[name], redact: (text) => text });

describe('createStepRedactor', () => {
  it('redacts values marked with add, also as they read inside JSON text and URLs', () => {
    const redactor = createStepRedactor(silentSource({}));
    redactor.add(['p@ss "word"/1', 'abc', undefined]);
    assert.equal(redactor.text('raw p@ss "word"/1'), 'raw [REDACTED]');
    assert.equal(redactor.text(JSON.stringify({ v: 'p@ss "word"/1' })), '{"v":"[REDACTED]"}');
    assert.equal(redactor.text(`?q=${encodeURIComponent('p@ss "word"/1')}`), '?q=[REDACTED]');
    assert.equal(redactor.text('abc stays: too short to redact'), 'abc stays: too short to redact');
  });

  it('remembers every value read through secrets.get, even when the source does not redact it', () => {
    const redactor = createStepRedactor(silentSource({ DB_URL: 'postgres://u:pw@db/x' }));
    assert.equal(redactor.text('postgres://u:pw@db/x'), 'postgres://u:pw@db/x', 'not read yet: not known');
    assert.equal(redactor.secrets.get('DB_URL'), 'postgres://u:pw@db/x');
    assert.equal(redactor.text('connect postgres://u:pw@db/x failed'), 'connect [REDACTED] failed');
    assert.equal(redactor.secrets.redact('postgres://u:pw@db/x'), '[REDACTED]', 'the wrapped source redacts the same way');
  });

  it('always redacts token shapes and what the source redacts', () => {
    const redactor = createStepRedactor({ get: () => undefined, redact: (text) => text.replaceAll('hunter22', '[REDACTED]') });
    assert.equal(redactor.text('hunter22 and ghp_abcdefghijklmnopqrstuvwxyz0123456789'), '[REDACTED] and [REDACTED]');
  });

  it('redacts outputs with their keys, error messages, escalation messages and tool calls', () => {
    const redactor = createStepRedactor(silentSource({}));
    redactor.add(['s3cr3t-value']);
    assert.deepEqual(redactor.result({
      status: 'completed',
      output: { 's3cr3t-value': ['x s3cr3t-value', 1, null] },
      toolCalls: [{ tool: 'cli', startedAt: 'a', endedAt: 'b', durationMs: 0, status: 'COMPLETED', input: { argv: ['echo', 's3cr3t-value'] } }],
    }), {
      status: 'completed',
      output: { '[REDACTED]': ['x [REDACTED]', 1, null] },
      toolCalls: [{ tool: 'cli', startedAt: 'a', endedAt: 'b', durationMs: 0, status: 'COMPLETED', input: { argv: ['echo', '[REDACTED]'] } }],
    });
    assert.deepEqual(redactor.result({ status: 'failed', error: { code: 'EXIT_1', message: 'no s3cr3t-value', retryable: false } }),
      { status: 'failed', error: { code: 'EXIT_1', message: 'no [REDACTED]', retryable: false } });
    assert.deepEqual(redactor.result({ status: 'escalated', reason: 'FAILED', message: 's3cr3t-value?' }),
      { status: 'escalated', reason: 'FAILED', message: '[REDACTED]?' });
  });
});

describe('runRedacted', () => {
  const request = makeRequest(makeNode({ id: 'x', type: 'cli' }), { secrets: silentSource({ K: 'value-of-k' }) });

  it('redacts what the attempt returns, with values the attempt read or added', async () => {
    const result = await runRedacted(request, async (wrapped, redactor) => {
      redactor.add(['added-value']);
      return { status: 'completed', output: { a: `${wrapped.secrets.get('K') ?? ''} added-value` } };
    });
    assert.deepEqual(result, { status: 'completed', output: { a: '[REDACTED] [REDACTED]' } });
  });

  it('redacts the message of what the attempt throws', async () => {
    await assert.rejects(runRedacted(request, async (wrapped) => {
      throw new Error(`boom ${wrapped.secrets.get('K') ?? ''}`);
    }), { message: 'boom [REDACTED]' });
  });
});
