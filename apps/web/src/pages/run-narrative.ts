import type { RunEventView, RunStep, RunTask } from '../api/api-types';
import { escalationOf } from './task-marks';

/** A person's decision on a step: approved, denied, done or not done, with the reason they gave. */
export interface RunDecision { stepId: string; decision: string; by: string; reason: string | null; at: string; enteredBy: string | null; corrected: boolean }

/** A step handed to a person because the machine could not go on: its code (LOW_CONFIDENCE, TIMEOUT, …) and message. */
export interface RunEscalation { stepId: string; code: string; message: string; at: string }

/**
 * A child run a step ordered: its end as the parent recorded it (null while none is), and `started`
 * false for one that never ran (its step was cancelled in the decision that ordered it, or its workflow
 * could not be found): no run to open; `reason` is the engine's why, when it gave one.
 */
export interface RunChild { stepId: string; runId: string; status: string | null; started: boolean; reason: string | null }

export interface RunNarrative {
  decisions: RunDecision[];
  escalations: RunEscalation[];
  children: RunChild[];
  /** Why the run was cancelled, and by whom; null unless it was. */
  cancelled: { reason: string; by: string | null } | null;
}

const DECISION_WORDS: Record<string, string> = { approved: 'Approved', denied: 'Denied', done: 'Done', not_done: 'Not done' };

/** Pure; a decision in words: "Approved by fin@acme.test", the reason after a dash, "(entered by X)" when entered for them. */
export function describeDecision(d: RunDecision): string {
  const who = d.enteredBy === null ? d.by : `${d.by} (entered by ${d.enteredBy})`;
  const head = `${DECISION_WORDS[d.decision] ?? d.decision} by ${who}${d.corrected ? ', correcting the agent\'s proposal' : ''}`;
  return d.reason === null || d.reason === '' ? head : `${head} — “${d.reason}”`;
}

/**
 * Pure; a child run in words: its end ("completed"), "running" before the parent heard of one, or
 * "not started (cancelled)" — with the engine's reason after a colon when it gave one.
 */
export function describeChild(child: RunChild): string {
  if (!child.started) return `not started (${child.status ?? 'cancelled'})${child.reason === null ? '' : `: ${child.reason}`}`;
  return child.status ?? 'running';
}

/** Pure; the decisions, escalations, child runs and cancellation a run's stored events record, in the order they happened. */
export function readRunNarrative(events: readonly RunEventView[]): RunNarrative {
  const narrative: RunNarrative = { decisions: [], escalations: [], children: [], cancelled: null };
  const corrected = new Set<string>();
  for (const e of events) {
    if (e.type === 'StepCompleted' && field(e, 'correctedFrom') !== undefined) corrected.add(String(field(e, 'nodeId')));
  }
  for (const e of events) {
    switch (e.type) {
      case 'TaskCompleted': {
        const stepId = String(field(e, 'nodeId'));
        narrative.decisions.push({
          stepId, decision: String(field(e, 'decision')), by: String(field(e, 'by')), at: e.at,
          reason: text(field(e, 'reason')), enteredBy: text(field(e, 'enteredBy')), corrected: corrected.has(stepId),
        });
        break;
      }
      case 'Escalated':
        narrative.escalations.push({ stepId: String(field(e, 'nodeId')), code: String(field(e, 'reason')), message: String(field(e, 'message')), at: e.at });
        break;
      case 'ChildRunStarted':
        narrative.children.push({ stepId: String(field(e, 'nodeId')), runId: String(field(e, 'childRunId')), status: null, started: true, reason: null });
        break;
      case 'ChildRunEnded': {
        const child = narrative.children.find((c) => c.runId === field(e, 'childRunId'));
        if (child === undefined) break;
        child.status = String(field(e, 'status'));
        child.started = field(e, 'started') !== false;
        child.reason = text(field(e, 'reason'));
        break;
      }
      case 'RunCancelled':
        narrative.cancelled = { reason: String(field(e, 'reason')), by: text(field(e, 'by')) };
        break;
      default:
        break;
    }
  }
  return narrative;
}

function field(event: RunEventView, name: string): unknown {
  return typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A step's state for people: a short label, a one-line explanation, and the server's code it was read from. */
export interface StepStateWords { label: string; explanation: string; code: string }

const STATUS_WORDS: Record<string, [label: string, explanation: string]> = {
  ready: ['Starting', 'The run is about to start this step'],
  running: ['Running', 'A worker is doing this step now'],
  completed: ['Done', 'This step is finished'],
  skipped: ['Skipped', 'The run did not need this step: another path was taken, or it was cancelled'],
  failed: ['Failed', 'This step failed; the run\'s error and escalations say why'],
};

const WAIT_WORDS: Record<string, [label: string, explanation: string]> = {
  retry: ['Waiting to retry', 'The last attempt failed; it will be tried again'],
  children: ['Waiting for child runs', 'Waiting for the runs this step started to end'],
};

/**
 * Pure; a step's state in words from its live state, the server's `detail` ("waiting (task t-1, NO_MODEL)")
 * and the run's open task on it (what a person is asked, and why); `code` keeps the machine words.
 */
export function describeStepState(step: Pick<RunStep, 'state' | 'detail'>, task: Pick<RunTask, 'kind' | 'reason'> | undefined): StepStateWords {
  const code = `${step.state}: ${step.detail}`;
  const words = (label: string, explanation: string): StepStateWords => ({ label, explanation, code });
  if (step.state === 'todo') return words('Not reached', 'The run has not got to this step yet');
  const [, status = step.detail, wait = ''] = /^(\w+)(?: \((.*)\))?$/.exec(step.detail) ?? [];
  if (status !== 'waiting') return words(...(STATUS_WORDS[status] ?? [step.detail, step.detail]));
  if (wait.startsWith('signal ')) return words('Waiting for a signal', `Waiting for the signal “${wait.slice('signal '.length)}” to arrive`);
  if (WAIT_WORDS[wait] !== undefined) return words(...WAIT_WORDS[wait]);
  const reason = task?.reason ?? null;
  const executorFor = /^no executor for (.+) steps$/.exec(reason ?? '')?.[1];
  if (reason === 'NO_MODEL') return words('Waiting for a person', 'Waiting: no AI model is configured for this step — a person can do it from the inbox');
  if (executorFor !== undefined) {
    return words('Waiting for a worker', `Waiting for a worker that runs ${executorFor} steps — a person can also do it from the inbox`);
  }
  if (reason === 'agent_supervised') return words('Waiting for review', 'Waiting for a person to check the agent\'s proposal in the inbox');
  if (task?.kind === 'approval') return words('Waiting for approval', `Waiting for a person to approve it in the inbox${reason?.startsWith('needs ') ? ` (${reason})` : ''}`);
  const escalation = task === undefined ? null : escalationOf(task);
  if (escalation !== null) return words('Waiting for a person', `Handed to a person in the inbox: ${escalation}`);
  return words('Waiting for a person', 'Waiting for a person to do it from the inbox');
}
