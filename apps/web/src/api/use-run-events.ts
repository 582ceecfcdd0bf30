import { useEffect, useState } from 'react';

/** The engine's event types (each arrives as a named server-sent event). */
const RUN_EVENT_TYPES = [
  'RunStarted', 'RunCompleted', 'RunFailed', 'RunCancelled', 'StepScheduled', 'StepStarted', 'StepCompleted', 'StepFailed', 'StepSkipped',
  'StepRetryScheduled', 'TaskOpened', 'TaskCompleted', 'TaskCancelled', 'Escalated', 'SignalReceived', 'TimerScheduled', 'TimerFired',
  'TimerCancelled', 'ChildRunStarted', 'ChildRunEnded', 'ChildCancelFailed', 'CompensationStarted', 'ShadowCompleted',
];

/**
 * Follows a run's server-sent events (`GET /api/runs/:id/events`) while `runId` is set, calling
 * `onChange` on each event and at its end; returns whether the stream is open. Without
 * EventSource, or when the stream fails, it returns false and the caller polls instead.
 */
export function useRunEvents(runId: string | null, onChange: () => void): boolean {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (runId === null || typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
    let ended = false;
    const changed = () => onChange();
    source.onopen = () => setOpen(true);
    source.onmessage = changed;
    source.onerror = () => {
      // The browser retries on its own; meanwhile (and after the run's end) the caller polls.
      setOpen(false);
      if (ended) source.close();
    };
    const types = ['end', ...RUN_EVENT_TYPES];
    const listener = (event: MessageEvent) => {
      if (event.type === 'end') { ended = true; source.close(); setOpen(false); }
      changed();
    };
    for (const type of types) source.addEventListener(type, listener);
    return () => {
      for (const type of types) source.removeEventListener(type, listener);
      source.close();
      setOpen(false);
    };
    // onChange is read fresh through the closure; a new run id opens a new stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId]);
  return open;
}
