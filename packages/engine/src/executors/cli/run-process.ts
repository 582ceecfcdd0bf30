import { spawn } from 'node:child_process';

/** What to run. `argv[0]` is looked up on `env.PATH`; no shell is involved. */
export interface ProcessSpec {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Written to standard input, which is then closed; absent = no standard input. */
  stdin?: string;
  /** Bytes kept per stream; the rest is counted and dropped. */
  maxOutputBytes: number;
  /** After SIGTERM, how long the process group has before SIGKILL. */
  killGraceMs: number;
  signal: AbortSignal;
  /** Called with the group leader's pid right after the spawn (the engine records it on the run's lease). */
  onSpawn?: (pid: number) => void;
}

export interface CapturedStream {
  text: string;
  /** Bytes the process wrote, kept or not. */
  bytes: number;
  truncated: boolean;
}

export type ProcessOutcome =
  | { type: 'exited'; exitCode: number | null; signal: NodeJS.Signals | null; stdout: CapturedStream; stderr: CapturedStream }
  | { type: 'aborted'; stdout: CapturedStream; stderr: CapturedStream }
  | { type: 'spawn-error'; code: string; message: string };

/**
 * Process groups started here and not yet seen to end. When this process exits (normally, by
 * `process.exit` after a second Ctrl-C, or an uncaught error) they are killed with it: a step's
 * children never outlive their worker. Process-wide on purpose: exit handlers are.
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroupsOnExit(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  liveGroups.clear();
}

function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killGroupsOnExit);
  }
}

/**
 * Runs one process in its own process group (spawned detached, `shell: false`), captures
 * stdout and stderr up to the cap, and on abort sends SIGTERM to the whole group, then SIGKILL
 * after the grace period, so grandchildren die too. Leftover processes of the group are killed
 * when the leader exits. Never rejects.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    if (spec.signal.aborted) {
      resolve({ type: 'aborted', stdout: emptyStream(), stderr: emptyStream() });
      return;
    }
    const [program, ...args] = spec.argv;
    const child = spawn(program, args, {
      cwd: spec.cwd,
      env: spec.env,
      shell: false,
      detached: true,
      windowsHide: true,
      stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) {
      trackGroup(child.pid);
      spec.onSpawn?.(child.pid);
    }
    const stdout = createCapture(spec.maxOutputBytes);
    const stderr = createCapture(spec.maxOutputBytes);
    child.stdout?.on('data', stdout.push);
    child.stderr?.on('data', stderr.push);
    let aborted = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const onAbort = (): void => {
      aborted = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), spec.killGraceMs);
    };
    const finish = (outcome: ProcessOutcome): void => {
      if (settled) return;
      settled = true;
      spec.signal.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) clearTimeout(killTimer);
      if (drainTimer !== undefined) clearTimeout(drainTimer);
      resolve(outcome);
    };
    spec.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ type: 'spawn-error', code: error.code ?? 'SPAWN_ERROR', message: error.message });
    });
    child.on('exit', () => {
      killGroup('SIGKILL');
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      // A process that left the group (setsid) may still hold the pipes open: stop waiting.
      drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, spec.killGraceMs);
    });
    child.on('close', (exitCode, signal) => {
      if (aborted) finish({ type: 'aborted', stdout: stdout.result(), stderr: stderr.result() });
      else finish({ type: 'exited', exitCode, signal, stdout: stdout.result(), stderr: stderr.result() });
    });
    if (spec.stdin !== undefined && child.stdin !== null) {
      child.stdin.on('error', () => {
        // EPIPE: the process did not read its input; its exit status tells the story.
      });
      child.stdin.end(spec.stdin);
    }
  });
}

function createCapture(maxBytes: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let bytes = 0;
  return {
    push(chunk: Buffer): void {
      bytes += chunk.length;
      if (kept >= maxBytes) return;
      const room = maxBytes - kept;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(piece);
      kept += piece.length;
    },
    result(): CapturedStream {
      return { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated: bytes > kept };
    },
  };
}

function emptyStream(): CapturedStream {
  return { text: '', bytes: 0, truncated: false };
}
