import { randomBytes, randomInt } from 'node:crypto';
import type { Workflow } from '@sopflow/format';
import type { ChildProcessRef, LeaseHolder, RunStore } from '../ports/run-store.js';
import type { RunEvent } from '../events/run-event.js';
import { decide } from '../decide/decide.js';
import type { DecideInput, Decision } from '../decide/decide-input.js';
import { createNoopExecutor } from '../executors/builtin/noop-executor.js';
import { createSystemClock, type Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import type { SecretSource, StepExecutor } from '../ports/step-executor.js';
import { applyEvent } from '../state/apply-event.js';
import { foldRun } from '../state/fold-run.js';
import { cloneRunState, emptyRunState, runHasEnded, type RunState } from '../state/run-state.js';
import { buildAppendRequest } from './build-append-request.js';
import { EngineError } from './engine-error.js';
import { checkRunInputs } from './check-run-inputs.js';
import { appendKnownResult } from './append-known-result.js';
import { currentLeaseHolder, DEFAULT_LEASE_TTL_MS } from './lease-holder.js';
import { startLeaseRenewal } from './lease-renewal.js';
import { signalProcessGroup } from './process-liveness.js';
import { performCommands } from './perform-commands.js';
import { createRunAlarms, type RunAlarms } from './run-alarms.js';
import { contentHash, parseWorkflowSource, type WorkflowSource } from './workflow-source.js';
import { DEFAULT_QUEUE, stepQueue } from './step-queue.js';

export interface EngineOptions {
  store: RunStore;
  clock?: Clock;
  /** Executors by node type; a built-in one serves `system` noop steps and gateways. */
  executors?: readonly StepExecutor[];
  secrets?: SecretSource;
  /** Lease owner name of this process (default: random). */
  owner?: string;
  /** Lease length; renewed every third of it while held. Default 10 s (DEFAULT_LEASE_TTL_MS). */
  leaseTtlMs?: number;
  /**
   * Task queues whose steps this engine executes (a step's `runtime.queue`, else `default`). Default: the
   * default queue. A step on another queue is left ready, and the run's row names that queue for its workers.
   */
  queues?: readonly string[];
  /** Finds the workflow a `workflow_ref` names. */
  resolveWorkflowRef?: (ref: string, parent: WorkflowSource) => Promise<WorkflowSource | undefined>;
  /** Called after each batch of events is stored (progress display, SSE). */
  onEvents?: (runId: string, events: readonly RunEvent[]) => void;
  maxDepth?: number;
  /** Who people are; default: the store's user directory, read at each decision. */
  directory?: Directory;
  /**
   * 'checked' (default): a task is completed only by a holder of its role at its auth_level (checkTaskAuthority).
   * 'unchecked': skip that check, recorded on the decision (library use and tests not about identity; adapters never).
   */
  identity?: 'checked' | 'unchecked';
  /**
   * Called when this engine loses a run it held (another owner was granted its lease, or the lease
   * could not be renewed for half its TTL): the run's steps here were stopped and nothing more is written for it.
   */
  onRunLost?: (runId: string, reason: string) => void;
}

export interface LoadedRun {
  state: RunState;
  source: WorkflowSource;
}

/** The engine's inside, shared with the command performer and the public API. */
export interface EngineCore {
  options: EngineOptions;
  store: RunStore;
  clock: Clock;
  owner: string;
  /** This process as written on its leases (owner, host, pid, process start time). */
  holder: LeaseHolder;
  ttl: number;
  executors: readonly StepExecutor[];
  executorTypes: string[];
  /** The task queues this engine serves (`EngineOptions.queues`). */
  queues: readonly string[];
  /** Whether this engine executes the step: its queue is one this engine serves. */
  serves(workflow: Workflow, nodeId: string): boolean;
  secrets: SecretSource;
  /** Runs whose lease this engine holds: their steps execute here, inline. */
  held: Set<string>;
  /**
   * Starts holding a run whose lease this engine was just granted (claim, its first append) or, in withLease, is about to ask for;
   * holds are counted per run, and only the last one's `release` (or `unhold`) lets the run go.
   */
  hold(runId: string): void;
  /** Undoes a `hold` whose lease was not granted (nothing of the run was done under it). */
  unhold(runId: string): void;
  /** Fence epochs of held runs (read from the lease once it is granted), attached to every append made under it. */
  fences: Map<string, number>;
  /** Runs lost while held, with the reason, until the call that held them lets go. */
  lost: Map<string, string>;
  /**
   * Stops acting on a held run at once: aborts its steps in flight (recording nothing for them),
   * kills their process groups, disarms its alarms and drops it from `held` — without writing anything.
   */
  loseRun(runId: string, reason: string): void;
  /** When (performance.now()) each held run's lease was last granted or renewed. */
  renewedAt: Map<string, number>;
  /** Process groups steps of the run started and have not yet seen end. */
  childrenOf(runId: string): ChildProcessRef[];
  /** Lets go of one hold of the run; the last one drops the lease row unless the run's final append already did. */
  release(runId: string): Promise<void>;
  /** Runs let go of whose lease row is still being dropped. */
  releasing: Set<string>;
  /** How many runs this engine has let go of so far (their lease rows dropped): a claim that crossed one re-reads its leases. */
  releases: number;
  /** Whether the run's last append under this hold ended it and dropped its lease (its row is ended and not runnable). */
  releasedByAppend(runId: string): boolean;
  inflight: Map<string, Set<Promise<unknown>>>;
  aborts: Map<string, AbortController>;
  /** Set by `drain`: decisions still happen, but no new step starts here; steps are left ready for a worker. */
  draining: boolean;
  /** Steps (abort keys) a drain cut short: their results are not recorded, so recovery decides what to do. */
  interrupted: Set<string>;
  /** In-process timers of held runs: ring at a timer's due time and deliver `timerFired`. */
  alarms: RunAlarms;
  /** Records (or, with undefined, forgets) a process group a step of a held run started, on the run's lease at once. */
  recordChild(runId: string, key: string, child: ChildProcessRef | undefined): void;
  load(runId: string): Promise<LoadedRun>;
  /** Drops the cached state so the next load reads the store (another process may have appended). */
  forget(runId: string): void;
  deliver(runId: string, input: DecideInput, start?: LoadedRun): Promise<Decision>;
  track(runId: string, work: Promise<unknown>): void;
  startRun(source: WorkflowSource, inputs: Record<string, unknown>, options?: StartOptions): Promise<string>;
  /** Takes the lease if free, delivers, lets inline work finish, releases the lease. */
  drive(runId: string, input: DecideInput): Promise<Decision>;
}

export interface StartOptions {
  /** Only record the run; a worker executes it. */
  detach?: boolean;
  runId?: string;
  seed?: number;
  parent?: { runId: string; nodeId: string; depth: number };
  /** Executor types to pin instead of this engine's (a child run gets its parent's pinned set). */
  executorTypes?: readonly string[];
}

const EMPTY_SECRETS: SecretSource = { get: () => undefined, redact: (text) => text };
/** Inputs only an engine holding the run's lease delivers (see `deliver`). */
const HOLDER_INPUTS: ReadonlySet<DecideInput['type']> = new Set(['stepResult', 'resume', 'timerFired', 'childCancelFailed']);

/** Builds the engine core: the run loop over the ports (store, clock, executors). */
export function createEngineCore(options: EngineOptions): EngineCore {
  const store = options.store;
  const clock = options.clock ?? createSystemClock();
  const executors = [createNoopExecutor(), ...(options.executors ?? [])];
  const cache = new Map<string, LoadedRun>();
  const sources = new Map<string, WorkflowSource>();
  const queues = new Map<string, Promise<unknown>>();
  const ttl = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  /** Process groups started by steps of each held run, by step key; written on the run's lease. */
  const children = new Map<string, Map<string, ChildProcessRef>>();
  const childrenOf = (runId: string): ChildProcessRef[] => [...(children.get(runId)?.values() ?? [])];
  const fences = new Map<string, number>();
  const renewedAt = new Map<string, number>();
  /** New runs whose first append takes the lease; runs whose last append dropped it. */
  const leaseOnAppend = new Set<string>();
  const releasedOnAppend = new Set<string>();
  /** Holds taken and not yet let go, by run: two requests driving one run (or a resume during one) each hold it. */
  const holds = new Map<string, number>();
  /** Counts one hold off; true when it was the run's last. */
  const letGo = (runId: string): boolean => {
    const left = (holds.get(runId) ?? 1) - 1;
    if (left > 0) holds.set(runId, left);
    else holds.delete(runId);
    return left <= 0;
  };

  function serialize<T>(runId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(runId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(runId, settled);
    void settled.then(() => { if (queues.get(runId) === settled) queues.delete(runId); });
    return next;
  }

  const owner = options.owner ?? `engine-${process.pid}-${randomBytes(4).toString('hex')}`;
  const taskQueues = [...new Set(options.queues ?? [DEFAULT_QUEUE])].sort();
  const core: EngineCore = {
    options, store, clock, executors, secrets: options.secrets ?? EMPTY_SECRETS, owner, holder: currentLeaseHolder(owner), ttl,
    executorTypes: [...new Set(executors.flatMap((e) => e.handles))],
    queues: taskQueues,
    serves: (workflow, nodeId) => taskQueues.includes(stepQueue(workflow, nodeId)),
    held: new Set(), releasing: new Set(), releases: 0, fences, lost: new Map(), renewedAt, childrenOf, inflight: new Map(), aborts: new Map(), draining: false, interrupted: new Set(),
    alarms: createRunAlarms(clock, (runId, timerId) => {
      // Only while this process still holds the run and starts work; otherwise a worker fires the row.
      if (!core.held.has(runId) || core.draining) return;
      core.track(runId, core.deliver(runId, { type: 'timerFired', at: clock.now().toISOString(), timerId }));
    }),

    hold(runId) {
      holds.set(runId, (holds.get(runId) ?? 0) + 1);
      if (core.held.has(runId)) return;
      core.held.add(runId);
      core.lost.delete(runId);
      fences.delete(runId);
      renewedAt.set(runId, performance.now());
    },

    unhold(runId) {
      if (!letGo(runId)) return;
      core.held.delete(runId);
      renewedAt.delete(runId);
    },

    loseRun(runId, reason) {
      if (!core.held.delete(runId)) return;
      core.lost.set(runId, reason);
      fences.delete(runId);
      renewedAt.delete(runId);
      leaseOnAppend.delete(runId);
      cache.delete(runId);
      core.alarms.disarmRun(runId);
      for (const [key, controller] of core.aborts) {
        if (!key.startsWith(`${runId}:`)) continue;
        core.interrupted.add(key);
        controller.abort(new Error('LEASE_LOST'));
      }
      // The executor kills a group on abort too; this covers a group whose executor is slow to notice.
      for (const child of childrenOf(runId)) signalProcessGroup(child.pid, 'SIGKILL');
      children.delete(runId);
      options.onRunLost?.(runId, reason);
    },

    recordChild(runId, key, child) {
      let groups = children.get(runId);
      if (groups === undefined) children.set(runId, (groups = new Map()));
      if (child === undefined) groups.delete(key);
      else groups.set(key, child);
      if (groups.size === 0) children.delete(runId);
      // A new group is written at once (a crash right after the spawn must leave its id); an ended one with the next renewal.
      if (child !== undefined && core.held.has(runId)) void store.acquireLease(runId, core.holder, clock.now(), ttl, childrenOf(runId)).catch(() => undefined);
    },

    async release(runId) {
      if (!letGo(runId)) return;
      core.held.delete(runId);
      core.alarms.disarmRun(runId);
      leaseOnAppend.delete(runId);
      fences.delete(runId);
      renewedAt.delete(runId);
      // Finished runs leave the cache once let go (a long-running worker would otherwise keep every run).
      const cached = cache.get(runId);
      if (cached !== undefined && runHasEnded(cached.state)) cache.delete(runId);
      const releasedAlready = releasedOnAppend.delete(runId);
      // A lost run's lease belongs to its new owner: nothing to give back.
      if (core.lost.delete(runId) || releasedAlready) {
        core.releases += 1;
        return;
      }
      core.releasing.add(runId);
      try {
        await store.releaseLease(runId, core.owner);
      } finally {
        core.releasing.delete(runId);
        core.releases += 1;
      }
    },

    releasedByAppend: (runId) => releasedOnAppend.has(runId),

    async load(runId) {
      const cached = cache.get(runId);
      if (cached !== undefined) return cached;
      const stored = await store.readEvents(runId);
      if (stored.length === 0) throw new EngineError('unknown_run', `no run with id ${runId}`);
      const state = foldRun(stored.map((e) => e.data as RunEvent), runId);
      let source = sources.get(state.contentHash);
      if (source === undefined) {
        const text = await store.readWorkflow(state.contentHash);
        if (text === undefined || contentHash(text) !== state.contentHash) {
          throw new EngineError('workflow_unavailable', `the workflow version run ${runId} is pinned to (${state.contentHash.slice(0, 12)}) is missing or altered`);
        }
        source = parseWorkflowSource(text);
        sources.set(source.hash, source);
      }
      const loaded = { state, source };
      cache.set(runId, loaded);
      return loaded;
    },

    forget(runId) {
      cache.delete(runId);
    },

    deliver(runId, input, start) {
      return serialize(runId, async () => {
        for (let tries = 0; tries < 50; tries++) {
          const loaded = start ?? await core.load(runId);
          const decision = decide(loaded.source.workflow, loaded.state, input, { executorTypes: core.executorTypes, ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }) });
          if (decision.rejected !== undefined) return decision;
          const holding = core.held.has(runId);
          // A step result comes only from a step run under this engine's lease, a resume or a fired timer only from a holder (a
          // take-over, an alarm); without the lease (lost: given up, or granted to another worker) none is ours to record — a lost
          // take-over would ask "did this happen?", or fail a run on its timeout, without a fence.
          if (HOLDER_INPUTS.has(input.type) && !holding) throw runLost(runId, core.lost.get(runId) ?? 'this engine no longer holds it');
          const fence = holding && !leaseOnAppend.has(runId) ? await fenceOf(runId) : undefined;
          // Draining: decide and record, but start nothing new; the steps stay ready for a worker.
          const inline = holding && !core.draining;
          const events: RunEvent[] = [...decision.events];
          if (inline) {
            for (const cmd of decision.commands) {
              if (cmd.type !== 'executeStep' || !core.serves(loaded.source.workflow, cmd.nodeId)) continue;
              events.push({
                type: 'StepStarted', at: input.at, nodeId: cmd.nodeId, activation: cmd.activation, attempt: cmd.attempt,
                ...(cmd.shadow === true ? { shadow: true } : {}), ...(cmd.recovered === true ? { recovered: true } : {}),
              });
            }
          }
          if (events.length === 0) {
            performCommands(core, runId, decision.commands, inline, loaded.source);
            return decision;
          }
          const after = decision.state ?? cloneRunState(loaded.state);
          for (const event of events.slice(decision.events.length)) applyEvent(after, event);
          const pinned = input.type === 'start' ? { hash: loaded.source.hash, workflowId: loaded.source.workflow.id, text: loaded.source.text } : undefined;
          const request = buildAppendRequest(loaded.state, after, events, loaded.source.workflow, pinned);
          // The lease rides on the run's own transactions: taken by its first append, dropped by its last.
          if (holding && leaseOnAppend.has(runId)) request.lease = { holder: core.holder, expiresAtMs: clock.now().getTime() + ttl };
          const ended = runHasEnded(after);
          // The lease goes with the run's last work: the append after which it has ended and owes no child a cancel (its children's ends come later).
          if (holding && ended && !request.run.runnable) request.releaseLease = core.owner;
          if (fence !== undefined) request.fence = { owner: core.owner, epoch: fence };
          // A step's result is known: a store error (busy database) is retried, never turned into an unknown outcome.
          const outcome = input.type === 'stepResult' ? await appendKnownResult(store, request) : await store.append(request);
          if (!outcome.ok && outcome.reason === 'fenced') {
            // Another owner was granted the run since: stop at once, never retry as a conflict.
            const reason = 'another worker was granted its lease';
            core.loseRun(runId, reason);
            throw runLost(runId, reason);
          }
          if (!outcome.ok) {
            cache.delete(runId);
            // Someone else wrote: a person's answer, or a new owner (the version is checked before the fence).
            if (fence !== undefined && !(await stillGranted(runId, fence))) {
              const reason = 'another worker was granted its lease';
              core.loseRun(runId, reason);
              throw runLost(runId, reason);
            }
            if (input.type === 'start') throw new EngineError('already_started', `run ${runId} already exists`);
            continue;
          }
          leaseOnAppend.delete(runId);
          if (request.releaseLease !== undefined) releasedOnAppend.add(runId);
          // A finished run stays cached while held (its take-over looks at it again), else leaves at once.
          if (ended && !holding) cache.delete(runId);
          else cache.set(runId, { state: after, source: loaded.source });
          sources.set(loaded.source.hash, loaded.source);
          options.onEvents?.(runId, events);
          performCommands(core, runId, decision.commands, inline, loaded.source);
          return decision;
        }
        throw new EngineError('conflict', `run ${runId} kept changing under this process; try again`);
      });
    },

    track(runId, work) {
      let set = core.inflight.get(runId);
      if (set === undefined) core.inflight.set(runId, (set = new Set()));
      const tracked = work.catch(() => undefined).finally(() => {
        set!.delete(tracked);
        if (set!.size === 0 && core.inflight.get(runId) === set) core.inflight.delete(runId);
      });
      set.add(tracked);
    },

    async startRun(source, inputs, start = {}) {
      const runId = start.runId ?? `r-${randomBytes(5).toString('hex')}`;
      // A child run gets its parent step's whole input: names the child does not declare are passed over, not refused.
      const problems = checkRunInputs(source.workflow, inputs, { allowUndeclared: start.parent !== undefined });
      if (problems.length > 0) throw new EngineError('invalid_input', problems.join('; '), problems);
      if (JSON.stringify(inputs).length > 1_000_000) throw new EngineError('invalid_input', 'inputs are larger than 1 MB');
      const input: DecideInput = {
        type: 'start', at: clock.now().toISOString(), runId, contentHash: source.hash, inputs, seed: start.seed ?? randomInt(0, 2 ** 31),
        ...(start.parent === undefined ? {} : { parentRunId: start.parent.runId, parentNodeId: start.parent.nodeId, depth: start.parent.depth }),
        ...(start.executorTypes === undefined ? {} : { executorTypes: start.executorTypes }),
      };
      const initial = { state: emptyRunState(runId), source };
      if (start.detach === true) {
        await core.deliver(runId, input, initial);
        return runId;
      }
      // A new run needs no separate lease transaction: its first append takes the lease.
      core.hold(runId);
      leaseOnAppend.add(runId);
      try {
        await core.deliver(runId, input, initial);
        await settleRun(core, runId);
      } finally {
        await core.release(runId);
      }
      return runId;
    },

    drive(runId, input) {
      return withLease(runId, () => core.deliver(runId, input));
    },
  };

  startLeaseRenewal(core);

  /**
   * The epoch this engine was granted on a held run, read once from the lease row; a lease that is
   * gone or another owner's means the run was lost (undefined only for a store that keeps no epochs).
   */
  async function fenceOf(runId: string): Promise<number | undefined> {
    const known = fences.get(runId);
    if (known !== undefined) return known;
    const [lease] = await store.listLeases([runId]);
    if (lease === undefined || lease.owner !== core.owner) {
      const reason = lease === undefined ? 'its lease is gone' : 'another worker holds its lease';
      core.loseRun(runId, reason);
      throw runLost(runId, reason);
    }
    if (lease.epoch !== undefined && core.held.has(runId)) fences.set(runId, lease.epoch);
    return lease.epoch;
  }

  async function stillGranted(runId: string, epoch: number): Promise<boolean> {
    const [lease] = await store.listLeases([runId]);
    return lease !== undefined && lease.owner === core.owner && lease.epoch === epoch;
  }

  /** Leases being asked for by withLease, by run: a second drive of the run waits for the answer before it looks at `held`. */
  const acquiring = new Map<string, Promise<boolean>>();

  async function withLease(runId: string, work: () => Promise<Decision>): Promise<Decision> {
    await acquiring.get(runId)?.catch(() => false);
    if (core.held.has(runId)) return work();
    // Not held here: other processes (workers) may have appended since this engine cached the run,
    // and a decision on the old state would refuse ("no task …") rather than conflict and reload.
    const cached = cache.get(runId);
    if (cached !== undefined && (await store.getRun(runId))?.version !== cached.state.version) cache.delete(runId);
    // Held before the lease is asked for: the store grants this owner's own lease again, so this process's worker, claiming
    // between the grant and a later hold, would take the run over mid-drive (its claims skip held runs).
    core.hold(runId);
    const asked = store.acquireLease(runId, core.holder, clock.now(), ttl);
    acquiring.set(runId, asked);
    let got = false;
    try {
      got = await asked;
    } finally {
      acquiring.delete(runId);
      if (!got) core.unhold(runId);
    }
    if (!got) return work();
    try {
      const decision = await work();
      await settleRun(core, runId);
      return decision;
    } finally {
      await core.release(runId);
    }
  }

  return core;
}

/** Waits until nothing started by this engine for the run is still executing. */
export async function settleRun(core: EngineCore, runId: string): Promise<void> {
  for (;;) {
    const set = core.inflight.get(runId);
    if (set === undefined || set.size === 0) return;
    await Promise.all([...set]);
  }
}

/** The refusal for work on a run this engine no longer holds. */
export function runLost(runId: string, reason: string): EngineError {
  return new EngineError('run_lost', `run ${runId} was lost by this worker (${reason}); it stopped acting on it and wrote nothing more`);
}
