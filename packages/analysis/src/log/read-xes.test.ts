import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isLogReadError, readXesFile, readXesStream, writeXes, discoverDfg } from '../index.js';

const fixture = fileURLToPath(new URL('../../test-fixtures/claims.xes', import.meta.url));
const names = (log: Awaited<ReturnType<typeof readXesFile>>, i: number) =>
  Array.from(log.cases[i].activities, (a) => log.activities[a]);

describe('readXesFile', () => {
  it('reads cases, complete events only by default, with resources, timestamps and case attributes', async () => {
    const log = await readXesFile(fixture);
    assert.equal(log.cases.length, 2);
    assert.deepEqual(log.cases.map((c) => c.id), ['c1', 'c2']);
    assert.deepEqual(names(log, 0), ['receive claim', 'assess', 'pay']);
    assert.deepEqual(names(log, 1), ['receive claim', 'assess', 'reject']);
    assert.equal(log.cases[0].timestamps[0], Date.parse('2024-03-01T08:00:00Z'));
    assert.equal(log.resources[log.cases[0].resources[1]], 'Ben');
    assert.equal(log.cases[0].resources[2], -1);
    assert.deepEqual(log.cases[0].attributes, { channel: 'web' });
  });

  it('keeps start events with lifecycle "all" and ignores nested attributes', async () => {
    const log = await readXesFile(fixture, { lifecycle: 'all' });
    assert.deepEqual(names(log, 0), ['receive claim', 'assess', 'assess', 'pay']);
    assert.equal(log.activities.includes('nested, ignored'), false);
  });

  it('reads gzip-compressed files by their magic bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xes-'));
    const path = join(dir, 'claims.xes.gz');
    writeFileSync(path, gzipSync(readFileSync(fixture)));
    const log = await readXesFile(path);
    assert.equal(discoverDfg(log).edges.length, 3);
  });

  it('round-trips through writeXes', async () => {
    const log = await readXesFile(fixture);
    const again = await readXesStream(Readable.from([writeXes(log)]));
    assert.deepEqual(again.cases.map((c) => Array.from(c.activities, (a) => again.activities[a])), [names(log, 0), names(log, 1)]);
    assert.deepEqual(Array.from(again.cases[0].timestamps), Array.from(log.cases[0].timestamps));
  });

  it('rejects a truncated file with XES_MALFORMED and a line number', async () => {
    const text = readFileSync(fixture, 'utf8');
    const cut = text.slice(0, text.indexOf('<trace>', 400) + 40);
    await assert.rejects(readXesStream(Readable.from([cut])), (err: unknown) => {
      assert.ok(isLogReadError(err));
      assert.equal(err.code, 'XES_MALFORMED');
      assert.ok((err.line ?? 0) > 1, `line ${err.line}`);
      assert.match(err.message, /\d+:\d+/);
      return true;
    });
  });

  it('rejects a log without traces with EMPTY_LOG', async () => {
    await assert.rejects(readXesStream(Readable.from(['<log xes.version="1.0"></log>'])), { code: 'EMPTY_LOG' });
  });

  it('rejects text that is not XML', async () => {
    await assert.rejects(readXesStream(Readable.from(['case,activity\n1,a\n'])), { code: 'XES_MALFORMED' });
  });
});
