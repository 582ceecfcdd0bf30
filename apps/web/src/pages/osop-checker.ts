import type { CheckedText } from './osop-check-text';

/** One document version sent to the check's worker, and its answer. */
export interface OsopCheckRequest { seq: number; text: string }
export interface OsopCheckReply extends CheckedText { seq: number }

/** Where a report was made: the check's Web Worker, or the page's main thread when no worker could start. */
export type CheckedBy = 'worker' | 'main-thread';

/** The report (and outline, when valid) of one document version. */
export interface OsopCheck extends CheckedText { text: string; by: CheckedBy }

/** Checks the editor's .osop text with @sopflow/format; only the newest text asked for gets an answer. */
export interface OsopChecker {
  /** Resolves with `text`'s report, or with null when a newer text was asked for before it was ready (a stale answer, dropped). */
  check(text: string): Promise<OsopCheck | null>;
  /** Stops the worker; a later `check` starts another. */
  dispose(): void;
}

/** Vite emits the worker as a file of its own (`osop-check.worker-*.js`), fetched when the editor first checks. */
export function startCheckWorker(): Worker {
  return new Worker(new URL('./osop-check.worker.ts', import.meta.url), { type: 'module', name: 'osop check' });
}

interface Pending { seq: number; text: string; resolve(check: OsopCheck | null): void; promise: Promise<OsopCheck | null> }

/**
 * A checker that runs @sopflow/format in a Web Worker (`startWorker`), one document version at a
 * time: a text asked for while another is being checked waits, and replaces any text waiting before
 * it (whose answer is null). Falls back to the main thread when the worker cannot start or fails (only then is
 * @sopflow/format loaded into the page).
 */
export function createOsopChecker(startWorker: () => Worker = startCheckWorker): OsopChecker {
  let worker: Worker | null = null;
  let workerFailed = false;
  let seq = 0;
  let running: Pending | null = null;
  let waiting: Pending | null = null;
  let newest: Pending | null = null;

  const answer = (pending: Pending, checked: CheckedText, by: CheckedBy) => pending.resolve(pending.seq === seq ? { text: pending.text, ...checked, by } : null);

  const onMainThread = (pending: Pending) => {
    // After the module loads, so typing that goes on first makes it stale and it is never checked.
    void import('./osop-check-text').then(({ checkOsopText }) => (pending.seq === seq ? answer(pending, checkOsopText(pending.text), 'main-thread') : pending.resolve(null)));
  };

  const fail = () => {
    workerFailed = true;
    worker?.terminate();
    worker = null;
    const lost = [running, waiting].filter((p): p is Pending => p !== null);
    running = waiting = null;
    for (const pending of lost) onMainThread(pending);
  };

  const ensureWorker = (): Worker | null => {
    if (worker !== null || workerFailed) return worker;
    try {
      worker = startWorker();
    } catch {
      workerFailed = true;
      return null;
    }
    worker.onmessage = ({ data }: MessageEvent<OsopCheckReply>) => {
      const done = running;
      if (done === null || data.seq !== done.seq) return;
      answer(done, { report: data.report, outline: data.outline }, 'worker');
      running = null;
      if (waiting !== null) send(waiting);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail();
    };
    worker.onmessageerror = fail;
    return worker;
  };

  const send = (pending: Pending) => {
    const to = ensureWorker();
    if (to === null) return onMainThread(pending);
    if (running !== null) {
      waiting?.resolve(null);
      waiting = pending;
      return;
    }
    waiting = null;
    running = pending;
    to.postMessage({ seq: pending.seq, text: pending.text } satisfies OsopCheckRequest);
  };

  return {
    check(text) {
      if (newest?.text === text) return newest.promise;
      let resolve!: (check: OsopCheck | null) => void;
      const promise = new Promise<OsopCheck | null>((r) => (resolve = r));
      newest = { seq: ++seq, text, resolve, promise };
      send(newest);
      return promise;
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const pending of [running, waiting]) pending?.resolve(null);
      running = waiting = newest = null;
    },
  };
}
