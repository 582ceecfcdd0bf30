/** Pure; one server-sent event as Hono's `writeSSE` writes it, for data on one line (JSON), without an id line when `id` is undefined: made once, it can go to any number of streams. */
export function sseText(id: string | undefined, event: string, data: string): string {
  return id === undefined ? `event: ${event}\ndata: ${data}\n\n` : `event: ${event}\ndata: ${data}\nid: ${id}\n\n`;
}
