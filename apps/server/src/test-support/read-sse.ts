import assert from 'node:assert/strict';

export interface SseEvent { id?: string; event?: string; data: string }

/** Reads server-sent events from a real socket until `stop` says so; returns them all. */
export async function readEvents(url: string, headers: Record<string, string>, stop: (e: SseEvent, all: SseEvent[]) => boolean, onEvent?: (e: SseEvent) => Promise<void>, signal?: AbortSignal): Promise<SseEvent[]> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, ...(signal === undefined ? {} : { signal }) });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const all: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return all;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event: SseEvent = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) event.id = line.slice(4);
        else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) event.data += line.slice(6);
      }
      if (event.event === undefined && event.data === '') continue;
      all.push(event);
      if (onEvent !== undefined) await onEvent(event);
      if (stop(event, all)) {
        await reader.cancel();
        return all;
      }
    }
  }
}

