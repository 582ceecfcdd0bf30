/** Pure; a signal's payload as a step output: an object as it is, anything else as `{ signal, payload }`. */
export function signalOutput(name: string, payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...(payload as Record<string, unknown>) } : { signal: name, payload: payload ?? null };
}
