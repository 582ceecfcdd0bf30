/** Pure; one server-sent event as Hono's `writeSSE` writes it, for data on one line (JSON): made once, it can go to any number of streams. */
export function sseText(id: string, event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\nid: ${id}\n\n`;
}
