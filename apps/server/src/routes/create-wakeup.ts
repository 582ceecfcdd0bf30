/** A signal a stream sleeps on: `wake()` ends the current (or the next) `wait`. */
export interface Wakeup {
  wake(): void;
  /** Resolves true when woken, false after `ms` without a wake. */
  wait(ms: number): Promise<boolean>;
}

/** A wakeup whose wakes between two waits are not lost (one pending wake is remembered). */
export function createWakeup(): Wakeup {
  let pending = false;
  let resolve: ((woken: boolean) => void) | undefined;
  return {
    wake() {
      if (resolve === undefined) { pending = true; return; }
      const r = resolve;
      resolve = undefined;
      r(true);
    },
    wait(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve(true);
      }
      return new Promise((done) => {
        const timer = setTimeout(() => { resolve = undefined; done(false); }, ms);
        resolve = (woken) => { clearTimeout(timer); done(woken); };
      });
    },
  };
}
