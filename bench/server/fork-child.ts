import { fork, type ChildProcess } from 'node:child_process';

/** A TypeScript child process of a bench (sources, through tsx) and the first message it sent. */
export interface ForkedChild<M> {
  child: ChildProcess;
  first: M;
  /** The next message matching `accept`. */
  next<T extends M>(accept: (message: M) => message is T): Promise<T>;
  /** Sends `stop` and waits for the child to exit (kills it after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Forks `script` (a .ts file) with the sopflow source conditions and waits for its first IPC message.
 * With SOPFLOW_BENCH_CPU_PROF=DIR the child writes a V8 CPU profile there when it exits.
 */
export async function forkChild<M>(script: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<ForkedChild<M>> {
  const profile = process.env.SOPFLOW_BENCH_CPU_PROF;
  const execArgv = ['--conditions=sopflow-source', '--import', 'tsx', ...(profile === undefined || profile === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`])];
  const child = fork(script, args, { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const first = await new Promise<M>((resolve, reject) => {
    child.once('message', (message) => resolve(message as M));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
  return {
    child, first,
    next<T extends M>(accept: (message: M) => message is T) {
      return new Promise<T>((resolve) => {
        const listen = (message: unknown) => {
          if (!accept(message as M)) return;
          child.off('message', listen);
          resolve(message as T);
        };
        child.on('message', listen);
      });
    },
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
