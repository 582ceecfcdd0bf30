/** Exit code after Ctrl-C or SIGTERM (128 + SIGINT), as shells report it. */
export const INTERRUPTED = 130;

export interface InterruptWatch {
  /** True once a SIGINT or SIGTERM arrived. */
  readonly interrupted: boolean;
  /** Stops listening (call in `finally`). */
  dispose(): void;
}

/**
 * The first SIGINT/SIGTERM calls `onFirst` (a graceful drain: finish steps in flight, then stop);
 * a second one calls `onSecond` (to say what is left) and exits at once with 130. Steps' process
 * groups die with the process either way (the cli executor kills them on exit).
 */
export function handleInterrupts(onFirst: (signal: NodeJS.Signals) => void, onSecond: () => void = () => undefined): InterruptWatch {
  let count = 0;
  const listener = (signal: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) {
      onFirst(signal);
      return;
    }
    onSecond();
    process.exit(INTERRUPTED);
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return {
    get interrupted() { return count > 0; },
    dispose() {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    },
  };
}
