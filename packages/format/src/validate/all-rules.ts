import { ambiguousEntryPoint } from './rules/ambiguous-entry-point.js';
import { confidenceOutOfRange } from './rules/confidence-out-of-range.js';
import { conflictingJoinMode } from './rules/conflicting-join-mode.js';
import { cycleWithoutBound } from './rules/cycle-without-bound.js';
import { deadEnd } from './rules/dead-end.js';
import { delegationNotApplicable } from './rules/delegation-not-applicable.js';
import { duplicateNodeId } from './rules/duplicate-node-id.js';
import { eventWithoutName } from './rules/event-without-name.js';
import { highRiskWithoutApproval } from './rules/high-risk-without-approval.js';
import { inlineSecret } from './rules/inline-secret.js';
import { invalidCel } from './rules/invalid-cel.js';
import { invalidCount } from './rules/invalid-count.js';
import { invalidEdgeWeight } from './rules/invalid-edge-weight.js';
import { invalidSemver } from './rules/invalid-semver.js';
import { loopWithoutCondition } from './rules/loop-without-condition.js';
import { missingEntryPoint } from './rules/missing-entry-point.js';
import { nonPositiveTimeout } from './rules/non-positive-timeout.js';
import { placeholderInShellScript } from './rules/placeholder-in-shell-script.js';
import { shellRuntime } from './rules/shell-runtime.js';
import { switchWithoutCases } from './rules/switch-without-cases.js';
import { switchWithoutDefault } from './rules/switch-without-default.js';
import { unknownAuthLevel } from './rules/unknown-auth-level.js';
import { unknownCelVariable } from './rules/unknown-cel-variable.js';
import { unknownEdgeTarget } from './rules/unknown-edge-target.js';
import { unknownRole } from './rules/unknown-role.js';
import { unreachableNode } from './rules/unreachable-node.js';
import { waitNJoinCount } from './rules/wait-n-join-count.js';
import { workflowRefCycle } from './rules/workflow-ref-cycle.js';
import { workflowRefDepth } from './rules/workflow-ref-depth.js';
import type { Rule } from './rule.js';

/** Every semantic rule, in reporting order: structure first, then expressions, values and policy. */
export const ALL_RULES: readonly Rule[] = [
  duplicateNodeId,
  unknownEdgeTarget,
  missingEntryPoint,
  ambiguousEntryPoint,
  unreachableNode,
  deadEnd,
  cycleWithoutBound,
  loopWithoutCondition,
  waitNJoinCount,
  conflictingJoinMode,
  switchWithoutCases,
  switchWithoutDefault,
  invalidEdgeWeight,
  eventWithoutName,
  invalidCel,
  unknownCelVariable,
  nonPositiveTimeout,
  invalidCount,
  invalidSemver,
  confidenceOutOfRange,
  unknownAuthLevel,
  unknownRole,
  delegationNotApplicable,
  workflowRefCycle,
  workflowRefDepth,
  highRiskWithoutApproval,
  inlineSecret,
  shellRuntime,
  placeholderInShellScript,
];
