/** A response body read up to a cap. */
export interface CappedBody {
  text: string;
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of a response body, then cancels the rest. Rejects like `fetch`
 * does when the request's signal aborts while reading.
 */
export async function readResponseBody(response: Response, maxBytes: number): Promise<CappedBody> {
  if (response.body === null) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - kept;
    if (value.length > room) {
      chunks.push(value.subarray(0, room));
      kept += room;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    kept += value.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}
