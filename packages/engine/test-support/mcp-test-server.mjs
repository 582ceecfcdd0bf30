import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/**
 * A tiny real MCP server for executor tests. Tools: `add` (structured result), `greet` (text),
 * `fail` (isError), `env` (which environment variables it sees), `wait` (never answers until
 * cancelled). Run this file to serve it over stdio; `startMcpHttpServer` serves it over
 * Streamable HTTP on 127.0.0.1. Plain JavaScript so a test can start it with `node` alone.
 */
export function createTestMcpServer() {
  const server = new McpServer({ name: 'sopflow-test-server', version: '1.0.0' });
  server.registerTool('add', {
    description: 'Add two numbers',
    inputSchema: { a: z.number(), b: z.number() },
    outputSchema: { sum: z.number() },
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }], structuredContent: { sum: a + b } }));
  server.registerTool('greet', {
    description: 'Greet someone',
    inputSchema: { name: z.string() },
  }, async ({ name }) => ({ content: [{ type: 'text', text: `Hello, ${name}!` }] }));
  server.registerTool('fail', {
    description: 'Always reports an error',
    inputSchema: { reason: z.string() },
  }, async ({ reason }) => ({ content: [{ type: 'text', text: `cannot comply: ${reason}` }], isError: true }));
  server.registerTool('env', { description: 'Lists environment variable names' }, async () => ({
    content: [{ type: 'text', text: Object.keys(process.env).sort().join(',') }],
  }));
  server.registerTool('wait', { description: 'Never finishes' }, () => new Promise(() => undefined));
  return server;
}

/** Serves a fresh test server per request (stateless Streamable HTTP) on a random local port. */
export async function startMcpHttpServer() {
  const requests = [];
  const http = createServer((request, response) => {
    requests.push({ ...(request.headers.authorization === undefined ? {} : { authorization: request.headers.authorization }) });
    const server = createTestMcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(request, response));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}/mcp`,
    requests,
    close: () => new Promise((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}

/** This file's path, to start it as a stdio server: `node <path>`. */
export const MCP_TEST_SERVER_PATH = fileURLToPath(import.meta.url);

if (process.argv[1] === MCP_TEST_SERVER_PATH) {
  await createTestMcpServer().connect(new StdioServerTransport());
}
