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
