import type { RunSummary, TaskRow } from '../ports/run-records.js';
import type { HumanDecision, RunEvent } from '../events/run-event.js';
import type { Decision } from '../decide/decide-input.js';
import { runHasEnded, type RunState } from '../state/run-state.js';
import { createEngineCore, runLost, settleRun, type EngineOptions, type StartOptions } from './create-engine.js';
import { EngineError } from './engine-error.js';
import { validateForm } from './validate-form.js';
import { checkTaskAuthority } from './check-task-authority.js';
import { directoryFromUsers } from '../ports/directory.js';
import { findSignalWaits } from './find-signal-waits.js';
import { buildAppendRequest } from './build-append-request.js';
import { drainEngine, type DrainReport } from './drain-engine.js';
import { leaseHealth } from './lease-holder.js';
import { reclaimDeadLeases } from './reclaim-dead-leases.js';
import type { LeaseHolder } from '../ports/run-store.js';
import { isRunnable } from '../state/derive-run-status.js';
import { abandonedChildren, MAX_CHILD_CANCEL_ATTEMPTS, unendedChildren } from '../state/abandoned-children.js';
import { DEFAULT_QUEUE, runQueue } from './step-queue.js';
import type { WorkflowSource } from './workflow-source.js';

export interface TaskCompletion {
  /** The person the decision is theirs: checked against the task's role and the step's auth_level. */
  by: string;
  /** Who entered it, when not `by` (an admin acting for them; the adapter checks that right): recorded as "entered by X for Y". */
  enteredBy?: string;
  decision?: HumanDecision;
  data?: Record<string, unknown>;
  reason?: string;
}

/** The engine as its callers (CLI, server, workers, tests) use it. Every refusal is an EngineError; nothing is changed then. */
export interface Engine {
  startRun(source: WorkflowSource, inputs?: Record<string, unknown>, options?: StartOptions): Promise<string>;
  completeTask(taskId: string, completion: TaskCompletion): Promise<void>;
  signal(runId: string, name: string, payload?: unknown): Promise<void>;
  cancel(runId: string, reason: string, by?: string): Promise<void>;
  /**
   * Takes the run over (a worker's start-up recovery): starts ready steps, recovers started ones, fires due timers.
   * A dead holder on this host is replaced at once (its steps' process groups killed first); a live
   * holder, or one on another host before its lease expires, is refused with `run_held` naming it.
   */
  resume(runId: string): Promise<void>;
  getRun(runId: string): Promise<{ summary: RunSummary; state: RunState; source: WorkflowSource; events: RunEvent[] }>;
  /** With the run's lease already taken (by `claimRuns`): resume, fire due timers, finish inline work, release. */
  takeOver(runId: string): Promise<void>;
  /** Runs this engine holds right now (a start, a task completion or a take-over running them here), or is letting go of; a worker's claim skips them. */
  heldRuns(): string[];
  /** How many runs this engine has let go of so far: a worker whose claim crossed a release re-reads the leases it was granted. */
  releases(): number;
  /** Waits until every step this engine started has reported. */
  settle(): Promise<void>;
  /** Graceful stop (SIGINT/SIGTERM): start no new step, let steps in flight finish for `graceMs`, then kill them. */
  drain(graceMs: number): Promise<DrainReport>;
  readonly owner: string;
  /** This process as written on its leases. */
  readonly holder: LeaseHolder;
  /** The task queues whose steps this engine executes (`EngineOptions.queues`). */
  readonly queues: readonly string[];
}

const MAX_PAYLOAD = 1_000_000;

/** Creates the engine over a store and executors. @example const engine = createEngine({ store: createMemoryStore() }); */
export function createEngine(options: EngineOptions): Engine {
  const core = createEngineCore(options);
  const now = () => core.clock.now().toISOString();

  function refuse(decision: Decision): void {
    if (decision.rejected !== undefined) throw new EngineError(decision.rejected.code as never, decision.rejected.message);
  }

  async function requireRun(runId: string): Promise<RunSummary> {
    const summary = await core.store.getRun(runId);
    if (summary === undefined) throw new EngineError('unknown_run', `no run with id ${runId}`);
    return summary;
  }

  return {
    owner: core.owner,
    holder: core.holder,
    queues: core.queues,
    startRun: (source, inputs = {}, start) => core.startRun(source, inputs, start),

    async completeTask(taskId, completion) {
      const task: TaskRow | undefined = await core.store.getTask(taskId);
      if (task === undefined) throw new EngineError('unknown_task', `no task with id ${taskId}`);
      if (task.status !== 'open') throw new EngineError('task_closed', `task ${taskId} is already ${task.status}${task.completedBy === undefined ? '' : ` (by ${task.completedBy})`}`);
      const decision = completion.decision ?? (task.kind === 'approval' || task.kind === 'auth' ? 'approved' : 'done');
      if (completion.data !== undefined && JSON.stringify(completion.data).length > MAX_PAYLOAD) throw new EngineError('invalid_input', 'task data is larger than 1 MB');
      const needsForm = (decision === 'done' || decision === 'approved') && task.kind !== 'auth' && (task.kind !== 'approval' || completion.data !== undefined);
      if (needsForm && task.form !== undefined) {
        const check = validateForm(task.form, completion.data ?? {});
        if (!check.ok) throw new EngineError('invalid_form', `task ${taskId}: the data does not match the form: ${check.problems.join('; ')}`, check.problems);
      }
      const { source } = await core.load(task.runId);
      // The directory is read at decision time; the decision pins the version it was checked against.
      let attribution: { levelVerified?: boolean; level?: string; directoryVersion?: number; identity?: 'unchecked' } = { identity: 'unchecked' };
      if (options.identity !== 'unchecked') {
        const directory = options.directory ?? directoryFromUsers(await core.store.listUsers(), await core.store.directoryVersion());
        const authority = checkTaskAuthority(source.workflow, task, completion.by, directory);
        if (!authority.ok) throw new EngineError(authority.code, authority.message, authority.details);
        attribution = { directoryVersion: authority.directoryVersion, ...(authority.level === undefined ? {} : { levelVerified: true, level: authority.level }) };
      }
      const enteredBy = completion.enteredBy !== undefined && completion.enteredBy !== completion.by ? { enteredBy: completion.enteredBy } : {};
      refuse(await core.drive(task.runId, {
        type: 'taskCompleted', at: now(), taskId, by: completion.by, decision, ...attribution, ...enteredBy,
        ...(completion.data === undefined ? {} : { data: completion.data }), ...(completion.reason === undefined ? {} : { reason: completion.reason }),
      }));
    },

    async signal(runId, name, payload) {
      await requireRun(runId);
      if (payload !== undefined && JSON.stringify(payload).length > MAX_PAYLOAD) throw new EngineError('invalid_input', 'signal data is larger than 1 MB');
      const { state, source } = await core.load(runId);
      const waits = findSignalWaits(source.workflow, state);
      if (!runHasEnded(state) && !waits.accepts.includes(name)) {
        const expected = waits.waitingFor.length === 0 ? 'no signal' : waits.waitingFor.map((s) => `"${s}"`).join(', ');
        throw new EngineError('no_waiter', `run ${runId} has no step waiting for signal "${name}"; it waits for ${expected}`, { signal: name, waitingFor: waits.waitingFor });
      }
      refuse(await core.drive(runId, { type: 'signal', at: now(), name, ...(payload === undefined ? {} : { payload }) }));
    },

    async cancel(runId, reason, by) {
      await requireRun(runId);
      refuse(await core.drive(runId, { type: 'cancel', at: now(), reason, ...(by === undefined ? {} : { by }) }));
    },

    async resume(runId) {
      await requireRun(runId);
      if (!core.held.has(runId)) await reclaimDeadLeases(core.store, core.holder, core.clock.now(), [runId]);
      const got = core.held.has(runId) || await core.store.acquireLease(runId, core.holder, core.clock.now(), core.ttl);
      if (!got) {
        const [lease] = await core.store.listLeases([runId]);
        const why = lease === undefined ? 'another worker holds it' : leaseHealth(lease, core.clock.now(), core.holder).sentence;
        throw new EngineError('run_held', `run ${runId} is not taken over: ${why}`, lease);
      }
      await takeOver(runId);
    },

    async getRun(runId) {
      const summary = await requireRun(runId);
      let loaded = await core.load(runId);
      if (loaded.state.version !== summary.version) {
        core.forget(runId);
        loaded = await core.load(runId);
      }
      const events = (await core.store.readEvents(runId)).map((e) => e.data as RunEvent);
      return { summary, state: loaded.state, source: loaded.source, events };
    },

    takeOver: (runId) => takeOver(runId),

    heldRuns: () => [...core.held, ...core.releasing],

    releases: () => core.releases,

    drain: (graceMs) => drainEngine(core, graceMs),

    async settle() {
      for (;;) {
        const busy = [...core.inflight.entries()].filter(([, set]) => set.size > 0).map(([runId]) => runId);
        if (busy.length === 0) return;
        for (const runId of busy) await settleRun(core, runId);
      }
    },
  };

  /**
   * Delivers the ends of child runs that ended while nobody told this run (a crash between the two; the child
   * of a skipped step or of an ended run), and records as never started a child no step waits for that has no
   * run (its start was lost in a crash). Returns the children no step waits for that still run.
   */
  async function collectChildEnds(runId: string): Promise<{ nodeId: string; childRunId: string }[]> {
    // The state this engine holds (kept cached after its own appends, also the run's last): a run with no child left costs no store call.
    const { state } = await core.load(runId);
    const abandoned = new Set(abandonedChildren(state).map((c) => c.childRunId));
    const running: { nodeId: string; childRunId: string }[] = [];
    for (const step of Object.values(state.steps)) {
      for (const childRunId of unendedChildren(step)) {
        const child = await core.store.getRun(childRunId);
        if (child === undefined) {
          if (abandoned.has(childRunId)) {
            await core.deliver(runId, { type: 'childEnded', at: now(), nodeId: step.nodeId, childRunId, status: 'cancelled', started: false, reason: 'no run was started for it' });
          }
          continue;
        }
        if (!runHasEnded(child)) {
          if (abandoned.has(childRunId)) running.push({ nodeId: step.nodeId, childRunId });
          continue;
        }
        const output = child.status === 'completed' ? (await core.load(childRunId)).state.output : undefined;
        await core.deliver(runId, { type: 'childEnded', at: now(), nodeId: step.nodeId, childRunId, status: child.status, ...(output === undefined ? {} : { output }) });
      }
    }
    return running;
  }

  /** With the lease held: resume, fire due timers, let inline work finish, release. */
  async function takeOver(runId: string): Promise<void> {
    core.hold(runId);
    core.forget(runId);
    try {
      await core.deliver(runId, { type: 'resume', at: now() });
      await collectChildEnds(runId);
      for (const timer of await core.store.dueTimers(runId, core.clock.now())) {
        await core.deliver(runId, { type: 'timerFired', at: now(), timerId: timer.id });
      }
      await settleRun(core, runId);
      // The cancels sent above have ended their children by now, unless one could not be carried out: record those ends, name the rest.
      const uncancelled = await collectChildEnds(runId);
      // Recorded on the run, so that after MAX_CHILD_CANCEL_ATTEMPTS take-overs (in any process) it stops being work for workers.
      for (const { nodeId, childRunId } of uncancelled) {
        await core.deliver(runId, { type: 'childCancelFailed', at: now(), nodeId, childRunId, reason: 'its cancel was not carried out; it still runs' });
      }
      await settleRun(core, runId);
      const lost = core.lost.get(runId);
      if (lost !== undefined) throw runLost(runId, lost);
      if (uncancelled.length > 0) {
        const ids = uncancelled.map((c) => c.childRunId).join(', ');
        throw new EngineError('children_not_cancelled', `run ${runId}: child run(s) ${ids} could not be cancelled; take-overs ask again, ${MAX_CHILD_CANCEL_ATTEMPTS} times in all`);
      }
      // A run this engine's own append ended (and let go) has the row that append wrote: ended, not runnable, nothing to correct.
      if (core.releasedByAppend(runId)) return;
      // A run woken by its child but with nothing left to do (or a row written before queues): correct it so workers claim it rightly.
      const summary = await core.store.getRun(runId);
      // A run that ended here was written not runnable by its last append: nothing to correct, no history to read again.
      if (summary === undefined || (runHasEnded(summary) && !summary.runnable)) return;
      const { state, source } = await core.load(runId);
      const stale = summary.runnable !== isRunnable(state) || (summary.queue ?? DEFAULT_QUEUE) !== runQueue(state, source.workflow);
      if (stale && summary.version === state.version) {
        const fence = core.fences.get(runId);
        const outcome = await core.store.append({ ...buildAppendRequest(state, state, [], source.workflow), ...(fence === undefined ? {} : { fence: { owner: core.owner, epoch: fence } }) });
        if (!outcome.ok && outcome.reason === 'fenced') {
          core.loseRun(runId, 'another worker was granted its lease');
          throw runLost(runId, 'another worker was granted its lease');
        }
      }
    } finally {
      await core.release(runId);
    }
  }
}
