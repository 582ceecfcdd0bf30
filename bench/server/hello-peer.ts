// A child process of bench/server: the framework ceiling — `hono` (a bare Hono hello-world on
// @hono/node-server, the server's own adapter) or `node-http` (a bare node:http hello-world), each
// answering GET / with a small JSON body. Sends `{ type: 'listening', url }` over IPC; `stop` exits.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const BODY = { hello: 'world' };

function listen(kind: string): Promise<{ server: Server; port: number }> {
  if (kind === 'hono') {
    const app = new Hono();
    app.get('/', (c) => c.json(BODY));
    return new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ server: server as Server, port: info.port }));
    });
  }
  if (kind === 'node-http') {
    const text = JSON.stringify(BODY);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text);
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
  }
  throw new Error(`hello-peer: unknown kind ${kind} (hono | node-http)`);
}

if (process.send !== undefined) {
  const { server, port } = await listen(process.argv[2] ?? '');
  process.on('message', (message) => { if (message === 'stop') server.close(() => process.exit(0)); });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'listening', url: `http://127.0.0.1:${port}` });
}
