import type { Workflow, WorkflowNode } from '@sopflow/format';
import type { Deviation } from '../deviations/deviation.js';
import type { RunRecord } from '../records/run-record.js';
import type { RunStop } from './run-stop.js';

/** OUTCOME: the run was stopped by a denied approval or a cancellation, and the deviation is only what it did not reach. */
export const DEVIATION_CLASSES = ['ESCALATION', 'EDGE_CASE', 'ORG_NUANCE', 'POTENTIAL_ERROR', 'OUTCOME'] as const;
export type DeviationClass = (typeof DEVIATION_CLASSES)[number];

/** What a rule may look at: the deviation, its run, the process, and how the pattern spreads over the batch. */
export interface RuleContext {
  deviation: Deviation;
  record: RunRecord;
  workflow: Workflow;
  /** The node the deviation is about, when the process has it. */
  node?: WorkflowNode;
  runGood: boolean;
  /** Share of all runs in the batch that show this deviation pattern (0..1). */
  patternShare: number;
  patternRuns: number;
  totalRuns: number;
  /** Team → runs of that team showing the pattern / all runs of that team. */
  teams: Map<string, { withPattern: number; runs: number }>;
  /** Whether some run input of this run takes a value no conforming run had. */
  unusualInputs: string[];
  /** Set when a denied approval or a cancellation ended the run (see `runStop`). */
  stop?: RunStop;
}

/** One classifier rule: data (id, class, description) plus the test it applies. Rules are tried in table order; the first that applies wins. */
export interface ClassifierRule {
  id: string;
  classifies: DeviationClass;
  description: string;
  applies: (ctx: RuleContext) => boolean;
}

const ESCALATION_WORDS = /escalat|hand ?over|handoff|supervisor|manager|on[-_ ]?call|senior|specialist/i;

function isEscalationStep(ctx: RuleContext): boolean {
  const { deviation, node, workflow } = ctx;
  if (node?.kind === 'escalation' || node?.kind === 'handover') return true;
  if (workflow.escalationPaths.some((p) => p.to === deviation.nodeId)) return true;
  if (workflow.nodes.some((n) => n.onFailure?.node === deviation.nodeId || n.onTimeout?.node === deviation.nodeId)) return true;
  const step = ctx.record.steps.find((s) => s.nodeId === deviation.nodeId);
  if (Array.isArray(step?.extra.escalations) && step.extra.escalations.length > 0) return true;
  return ESCALATION_WORDS.test(deviation.nodeId) || ESCALATION_WORDS.test(node?.name ?? step?.name ?? '') || /escalat/i.test(step?.decision ?? '');
}

function dominantTeam(ctx: RuleContext): string | undefined {
  const withPattern = [...ctx.teams].filter(([, t]) => t.withPattern > 0);
  if (ctx.teams.size < 2 || withPattern.length !== 1) return undefined;
  const [team, stats] = withPattern[0];
  return stats.withPattern >= 2 && stats.withPattern / stats.runs >= 0.5 ? team : undefined;
}

/**
 * The classifier table, in order. Steps a denied approval or a cancellation kept the run from
 * reaching are an outcome. Then safety first: a missed approval or a wrong branch is a potential
 * error however often it happens; a hand-off to a person is an escalation; a habit of one team is
 * an organisational nuance; a habit of everyone is one too (the process lags the practice); a rare
 * deviation is an edge case when the run ended well or met unusual inputs, and a potential error otherwise.
 */
export const CLASSIFIER_RULES: readonly ClassifierRule[] = [
  {
    id: 'stopped-by-outcome', classifies: 'OUTCOME',
    description: 'A person denied an approval, or the run was cancelled, and the step is one the run never reached because of it: an outcome, not an error.',
    applies: (ctx) => ctx.stop !== undefined && ctx.stop.unreached.has(ctx.deviation.nodeId)
      && (ctx.deviation.kind === 'skipped' || (ctx.deviation.kind === 'unauthorised' && ctx.deviation.traceIndex === undefined)),
  },
  {
    id: 'unauthorised-is-error', classifies: 'POTENTIAL_ERROR',
    description: 'An approval that should have happened did not: always a potential error, never a nuance.',
    applies: (ctx) => ctx.deviation.kind === 'unauthorised',
  },
  {
    id: 'escalated-to-person', classifies: 'ESCALATION',
    description: 'The run handed the case to a person or a higher level (an escalation step, an on_failure/on_timeout target, a step the engine recorded escalations on, or one named or decided as an escalation).',
    applies: (ctx) => (ctx.deviation.kind === 'inserted' || ctx.deviation.kind === 'reordered' || ctx.deviation.kind === 'wrong-branch') && isEscalationStep(ctx),
  },
  {
    id: 'late-then-escalated', classifies: 'ESCALATION',
    description: 'A step ran over its time limit and the run then went to an escalation step (or the engine recorded an escalation on it).',
    applies: (ctx) => ctx.deviation.kind === 'late' && ctx.record.steps.some((s) => (s.nodeId !== ctx.deviation.nodeId && ESCALATION_WORDS.test(`${s.nodeId} ${s.name ?? ''}`))
      || (s.nodeId === ctx.deviation.nodeId && Array.isArray(s.extra.escalations) && s.extra.escalations.length > 0)),
  },
  {
    id: 'wrong-branch-is-error', classifies: 'POTENTIAL_ERROR',
    description: 'The run took a branch whose condition was false on its own data.',
    applies: (ctx) => ctx.deviation.kind === 'wrong-branch',
  },
  {
    id: 'one-team-habit', classifies: 'ORG_NUANCE',
    description: 'Only one team shows the pattern, in at least half of its runs (two or more), while other teams ran the process without it.',
    applies: (ctx) => dominantTeam(ctx) !== undefined,
  },
  {
    id: 'systematic-practice', classifies: 'ORG_NUANCE',
    description: 'At least 30% of all runs (and three or more) show the pattern: the organisation works this way, and the written process lags behind.',
    applies: (ctx) => ctx.patternShare >= 0.3 && ctx.patternRuns >= 3,
  },
  {
    id: 'rare-with-bad-outcome', classifies: 'POTENTIAL_ERROR',
    description: 'A rare deviation (under 30% of runs) in a run that ended badly.',
    applies: (ctx) => !ctx.runGood,
  },
  {
    id: 'rare-on-unusual-inputs', classifies: 'EDGE_CASE',
    description: 'A rare deviation in a run whose inputs took values no conforming run had: the process did not foresee the case.',
    applies: (ctx) => ctx.unusualInputs.length > 0,
  },
  {
    id: 'rare-with-good-outcome', classifies: 'EDGE_CASE',
    description: 'A rare deviation in a run that ended well: a case the process did not foresee, handled by judgement.',
    applies: () => true,
  },
];

/** Pure; the class of a deviation and the id of the rule that gave it (the first applicable rule of `rules`). */
export function classifyDeviation(ctx: RuleContext, rules: readonly ClassifierRule[] = CLASSIFIER_RULES): { class: DeviationClass; rule: string } {
  for (const rule of rules) if (rule.applies(ctx)) return { class: rule.classifies, rule: rule.id };
  return { class: ctx.runGood ? 'EDGE_CASE' : 'POTENTIAL_ERROR', rule: 'fallback' };
}
