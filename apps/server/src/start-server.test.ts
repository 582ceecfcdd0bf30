import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from './start-server.js';

describe('startServer on a port that is taken', () => {
  let dir: string;
  let blocker: Server;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-start-'));
    blocker = createServer();
    port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
  });
  after(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects with EADDRINUSE and leaves no worker or scheduler running behind the error', async () => {
    const lines: string[] = [];
    const options = { db: join(dir, 'sopflow.db'), auditKeyFile: join(dir, 'audit.key'), host: '127.0.0.1', tickMs: 5, pollMs: 5, log: (line: string) => lines.push(line) };
    await assert.rejects(startServer({ ...options, port }), (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE');
    // A scheduler left running on the closed store would log "scheduler: …" every tick from here on.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(lines, []);
    const server = await startServer({ ...options, port: 0 });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await fetch(`${server.url}/api/auth/me`)).status, 401, 'the same store opens and serves on a free port');
    } finally {
      await server.close();
    }
  });
});
