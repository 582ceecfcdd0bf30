import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received. */
export interface ReceivedModelRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** The fake's answer to one request: a status and a JSON (or raw text) body. */
export interface FakeReply {
  status?: number;
  json?: unknown;
  text?: string;
}

export interface FakeModelServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  received: ReceivedModelRequest[];
  /** Replies are used in order; the last one repeats. */
  reply(...replies: (FakeReply | ((request: ReceivedModelRequest) => FakeReply))[]): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 (random port) that answers like a model provider:
 * tests script the JSON bodies (see `openAiCompletion`, `anthropicMessage`) and read back the
 * requests the SDKs sent. Speaks plain HTTP/JSON, like the real endpoints.
 */
export async function startFakeModelServer(): Promise<FakeModelServer> {
  const received: ReceivedModelRequest[] = [];
  let replies: (FakeReply | ((request: ReceivedModelRequest) => FakeReply))[] = [{ status: 500, json: { error: { message: 'no reply scripted' } } }];
  let next = 0;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const entry: ReceivedModelRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: raw === '' ? {} : JSON.parse(raw) };
      received.push(entry);
      const scripted = replies[Math.min(next, replies.length - 1)];
      next += 1;
      const reply = typeof scripted === 'function' ? scripted(entry) : scripted;
      const body = reply.text ?? JSON.stringify(reply.json ?? {});
      response.writeHead(reply.status ?? 200, { 'content-type': reply.text === undefined ? 'application/json' : 'text/plain', 'x-request-id': `req_${received.length}` });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    reply(...scripted) {
      replies = scripted;
      next = 0;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A realistic `chat.completion` body, as OpenAI (and Ollama, vLLM) return it. */
export function openAiCompletion(content: string, model = 'gpt-4o-mini-2024-07-18', usage = { prompt_tokens: 182, completion_tokens: 41 }): unknown {
  return {
    id: 'chatcmpl-AbC123xyz',
    object: 'chat.completion',
    created: 1763880000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
    service_tier: 'default',
    system_fingerprint: 'fp_0ba0d124f1',
  };
}

/** A realistic Messages API body whose content is one `tool_use` block (or text when `input` is a string). */
export function anthropicMessage(input: unknown, toolName: string, model = 'claude-sonnet-4-5-20250929', usage = { input_tokens: 412, output_tokens: 64 }): unknown {
  const content = typeof input === 'string'
    ? [{ type: 'text', text: input }]
    : [{ type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: toolName, input }];
  return {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: typeof input === 'string' ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage: { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' },
  };
}
