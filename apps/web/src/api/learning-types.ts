// The learning and administration shapes the server answers with (apps/server/src/routes/learning-routes.ts,
// admin-routes.ts), as the web app reads them.
import type { DelegationState } from './api-types';

/** The SOP a learning view is about, and the version its process was read from. */
export interface LearningSubject { id: string; title: string; workflowId: string; versionId: string; semver: string }

export type DeviationClass = 'ESCALATION' | 'EDGE_CASE' | 'ORG_NUANCE' | 'POTENTIAL_ERROR' | 'OUTCOME';

export interface ClassifiedDeviation {
  kind: string; runId: string; nodeId: string; detail: string; pattern: string; class: DeviationClass; rule: string;
}

/** Outcome figures of one deviation pattern: good-outcome rates with and without it, and Fisher's exact p. */
export interface PatternCorrelation {
  pattern: string; runsWith: number; goodWith: number; runsWithout: number; goodWithout: number;
  rateWith: number; rateWithout?: number; pValue: number; direction: 'better' | 'worse' | 'same';
}

export interface UpdateCandidate {
  id: string; pattern: string; title: string; classification: DeviationClass;
  change: { op: string; nodeId: string; [key: string]: unknown };
  evidence: { runs: number; runIds: string[]; rateWith: number; rateWithout?: number; pValue: number; rule: string };
  /** `pending` when proposed; approved or rejected once a person decided. */
  status: string;
  reason?: string;
}

export interface SopDebrief {
  sop: LearningSubject;
  period: { from: string | null; to: string | null };
  runsRead: number;
  report: {
    runs: number;
    adherence: { runRate: number; meanFitness?: number; perStep: { nodeId: string; runsWithDeviation: number; rate: number }[] };
    deviations: ClassifiedDeviation[];
    classes: Record<string, number>;
    outcomes: { approvalDenied: string[]; cancelled: string[] };
    correlations: PatternCorrelation[];
    updateCandidates: UpdateCandidate[];
  };
}

/** A proportion with its 95 % interval and the bound it is judged against. */
export interface EvidenceTally { successes: number; trials: number; rate: number; lower: number; upper: number; threshold: number }

export interface StepReadiness {
  nodeId: string; name: string; scope: 'person' | 'agent' | 'automated' | 'not_applicable';
  state?: DelegationState; suggestedState?: DelegationState;
  executions: number; threshold: number;
  caps: { cap: string; reason: string }[];
  ladder?: {
    state: DelegationState;
    promotion: { to?: DelegationState; ready: boolean; missing: string[] };
    demotion?: { to: DelegationState; urgent: boolean; reason: string };
    suggestedState: DelegationState;
    trials: EvidenceTally;
    supervised: EvidenceTally;
  };
  summary: string[];
}

/** One figure an estimate used, where it came from, and in what unit. */
export interface Assumption { value: number; unit: string; source: 'measured' | 'given' | 'default'; note: string }

export interface Opportunity {
  id: string; nodeId: string; state: DelegationState; suggestedState: DelegationState;
  monthlyValue?: number; potentialMonthlyValue?: number;
  rank: number; cumulativeValue: number;
  history?: { runs: number; spanDays: number; enough: boolean; note: string };
  assumptions: Record<string, Assumption>;
}

export interface SopDelegation {
  sop: LearningSubject;
  runs: number;
  history: { runs: number; spanDays: number; enough: boolean; note: string };
  steps: StepReadiness[];
  portfolio: { items: Opportunity[]; excluded: { nodeId: string; reason: string }[]; totalValue: number };
}

export interface TenantOpportunity extends Opportunity {
  sopId: string; sopTitle: string; workflowId: string;
  /** Who last set this opportunity's assumptions, and when (null while every figure is measured or a default). */
  edited?: { by: string; at: string } | null;
}

export interface TenantPortfolio {
  items: TenantOpportunity[];
  excluded: { sopId: string; nodeId: string; reason: string }[];
  withoutRuns: string[];
  totalValue: number;
}

export interface RoutineView {
  sopId: string; enabled: boolean; schedule: string | null; timezone: string; overlap: string;
  /** The next five fire times (ISO, UTC); empty when disabled. */
  nextFireTimes: string[];
  lastFiredAt: string | null;
  inputs: Record<string, unknown>;
}

export interface AccountUser { email: string; roles: string[]; accountRoles: string[]; password: boolean; createdAt: string }
export interface ApiToken { id: string; user: string; scope: string; createdAt: string; revokedAt: string | null; lastUsedAt: string | null }
export interface AuditEntry { id: string; at: string; actor: string; action: string; target: string; details: unknown }
