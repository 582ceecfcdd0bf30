import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEngine, createSimulatedClock, parseWorkflowSource, runWorker, type Engine, type RunEvent, type StepExecutor, type StepResult,
} from '@sopflow/engine';
import pg from 'pg';
import { createPostgresStore, type RunStore } from '@sopflow/store';

/** One conformance case as data: `workflow.osop` + `case.json` in a folder. */
export interface EngineCase {
  description: string;
  inputs?: Record<string, unknown>;
  seed?: number;
  /**
   * Scripted executor results per node id, consumed one per attempt; default `{ "done": "<node>" }`.
   * `takes: seconds` makes the attempt last that long on the simulated clock: the result is given
   * only if the attempt was not aborted meanwhile (its deadline passed), else a TIMEOUT failure.
   */
  results?: Record<string, ScriptedResult[]>;
  script?: ScriptStep[];
  expect: {
    status: string;
    events?: string[];
    steps?: Record<string, string>;
    output?: Record<string, unknown>;
    /** Node ids in the order their StepStarted events appear. */
    started?: string[];
    tasks?: { node: string; kind: string; reason?: string }[];
    errors?: string[];
    /** Events that must be recorded: each is matched by an event having these fields with these values (others may differ). */
    has?: Record<string, unknown>[];
  };
}

export type ScriptedResult = StepResult & { takes?: number };

export type ScriptStep =
  | { complete: { node: string; by?: string; decision?: 'approved' | 'denied' | 'done' | 'not_done'; data?: Record<string, unknown>; reason?: string } }
  | { signal: { name: string; payload?: unknown } }
  | { advance: number }
  | { cancel: string };

export interface CaseOutcome {
  status: string;
  events: RunEvent[];
  steps: Record<string, string>;
  output?: Record<string, unknown>;
  errors: string[];
  openTasks: { node: string; kind: string; reason?: string }[];
  audit: boolean;
}

const EXECUTED_TYPES = ['cli', 'api', 'agent', 'mcp', 'db', 'system', 'git', 'docker', 'cicd', 'infra', 'data'];

/** The executor types a case's engine has (the built-in noop executor first): decide's `options.executorTypes`. */
export const CASE_EXECUTOR_TYPES: readonly string[] = ['noop', ...EXECUTED_TYPES];

/** Runs a case folder against a store: start, worker until idle, then each script step followed by the worker. */
export async function runCase(dir: string, store: RunStore): Promise<CaseOutcome> {
  const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as EngineCase;
  const clock = createSimulatedClock();
  const attempts = new Map<string, number>();
  const scripted: StepExecutor = {
    handles: EXECUTED_TYPES,
    async execute(request) {
      const n = attempts.get(request.node.id) ?? 0;
      attempts.set(request.node.id, n + 1);
      const list = spec.results?.[request.node.id];
      if (list === undefined || list.length === 0) return { status: 'completed', output: { done: request.node.id } };
      const { takes, ...result } = list[Math.min(n, list.length - 1)];
      if (takes !== undefined) {
        clock.advance(takes * 1000);
        // Let the alarms that just rang (the attempt's deadline) run before the attempt answers.
        await new Promise((resolve) => setImmediate(resolve));
        if (request.signal.aborted) return { status: 'failed', error: { code: 'TIMEOUT', message: `${request.node.id} was aborted at its deadline`, retryable: true } };
      }
      return result as StepResult;
    },
  };
  const engine: Engine = createEngine({
    store, clock, executors: [scripted], owner: 'conformance', identity: 'unchecked',
    resolveWorkflowRef: async (ref) => {
      const file = join(dir, ref);
      return existsSync(file) ? parseWorkflowSource(readFileSync(file, 'utf8'), ref) : undefined;
    },
  });
  const source = parseWorkflowSource(readFileSync(join(dir, 'workflow.osop'), 'utf8'), 'workflow.osop');
  const errors: string[] = [];
  const work = () => runWorker({ engine, store, clock, untilIdle: true, sleep: async () => {} });
  const runId = await engine.startRun(source, spec.inputs ?? {}, { runId: 'run', seed: spec.seed ?? 1 });
  await engine.settle();
  await work();
  for (const step of spec.script ?? []) {
    try {
      if ('complete' in step) {
        const tasks = await store.listTasks({ runId, status: 'open' });
        const task = tasks.find((t) => t.nodeId === step.complete.node);
        if (task === undefined) throw new Error(`no open task for ${step.complete.node}`);
        await engine.completeTask(task.id, {
          by: step.complete.by ?? 'tester', ...(step.complete.decision === undefined ? {} : { decision: step.complete.decision }),
          ...(step.complete.data === undefined ? {} : { data: step.complete.data }), ...(step.complete.reason === undefined ? {} : { reason: step.complete.reason }),
        });
      } else if ('signal' in step) {
        await engine.signal(runId, step.signal.name, step.signal.payload);
      } else if ('advance' in step) {
        clock.advance(step.advance * 1000);
      } else {
        await engine.cancel(runId, step.cancel, 'tester');
      }
    } catch (error) {
      errors.push((error as { code?: string }).code ?? (error as Error).message);
    }
    await engine.settle();
    await work();
  }
  const run = await engine.getRun(runId);
  const steps: Record<string, string> = {};
  for (const [id, step] of Object.entries(run.state.steps)) steps[id] = step.status;
  const openTasks = (await store.listTasks({ status: 'open' })).map((t) => ({ node: t.nodeId, kind: t.kind, ...(t.reason === undefined ? {} : { reason: t.reason }) }));
  const audit = (await store.verifyAuditChain()).ok;
  return { status: run.state.status, events: run.events, steps, ...(run.state.output === undefined ? {} : { output: run.state.output }), errors, openTasks, audit };
}

const POSTGRES_URL = process.env.SOPFLOW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let postgresStores = 0;

/** A PostgreSQL store in a fresh schema of the test server (SOPFLOW_TEST_POSTGRES_URL or the local one); closing it drops the schema. */
export async function createPostgresCaseStore(): Promise<RunStore> {
  postgresStores += 1;
  const schema = `sopflow_conformance_${process.pid}_${Date.now().toString(36)}_${postgresStores}`;
  const store = await createPostgresStore(POSTGRES_URL, { schema }).catch((error: Error) => {
    throw new Error(`engine conformance on PostgreSQL needs a server at ${POSTGRES_URL}: ${error.message}`);
  });
  return {
    ...store,
    async close() {
      await store.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
