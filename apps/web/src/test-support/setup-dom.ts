import { createRequire } from 'node:module';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// findBy*/waitFor wait up to 10 s: pages load lazily and the real server answers, on a busy machine too.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());

// Mantine reads these browser APIs; happy-dom leaves some out.
if (typeof window !== 'undefined') {
  window.HTMLElement.prototype.scrollIntoView ??= function scrollIntoView() {};
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
}

// happy-dom has no Web Worker. ELK's layouts (elk-runner.ts) get ELK's own in-process stand-in (elkjs's
// FakeWorker, the same layout code on this thread); any other worker fails to start, as where a browser
// cannot start one, so the editor's check (osop-checker.ts) takes its main-thread fallback.
if (typeof globalThis.Worker === 'undefined') {
  const { Worker: ElkInProcess } = createRequire(import.meta.url)('elkjs/lib/elk-worker.min.js') as { Worker: new () => object };
  globalThis.Worker = class {
    constructor(url: string | URL) {
      if (!String(url).includes('elk-worker')) throw new Error(`no Web Worker under happy-dom (${String(url)})`);
      return Object.assign(new ElkInProcess(), { terminate() {} });
    }
  } as unknown as typeof Worker;
}
