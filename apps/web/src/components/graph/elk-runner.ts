import ElkConstructor, { type ELK as Elk, type ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

/** Lays ELK graphs out; a layout whose `signal` aborts first is stopped and rejects with the signal's reason (an AbortError). */
export interface ElkRunner {
  layout(graph: ElkNode, signal?: AbortSignal): Promise<ElkNode>;
}

/** ELK in a Web Worker of its own: elkjs's worker build, a file of its own that the page fetches the first time a graph is laid out. */
export function createWorkerElk(): Elk {
  return new ElkConstructor({ workerUrl: elkWorkerUrl, workerFactory: (url) => new Worker(url!, { name: 'ELK layout' }) });
}

/**
 * Runs each layout on an ELK of its own from `createElk` (one idle ELK is kept for the next layout,
 * so a worker starts only when layouts overlap or one was stopped). A superseded layout is stopped
 * where it runs: its worker is terminated, never left to finish work nobody will draw.
 */
export function createElkRunner(createElk: () => Elk = createWorkerElk): ElkRunner {
  let idle: Elk | null = null;
  return {
    layout(graph, signal) {
      if (signal?.aborted === true) return Promise.reject(signal.reason);
      const elk = idle ?? createElk();
      idle = null;
      return new Promise<ElkNode>((resolve, reject) => {
        let settled = false;
        const stop = () => {
          if (settled) return;
          settled = true;
          elk.terminateWorker();
          reject(signal!.reason);
        };
        const finish = (settle: () => void) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', stop);
          if (idle === null) idle = elk;
          else elk.terminateWorker();
          settle();
        };
        signal?.addEventListener('abort', stop, { once: true });
        elk.layout(graph).then((laid) => finish(() => resolve(laid)), (error: unknown) => finish(() => reject(error)));
      });
    },
  };
}
