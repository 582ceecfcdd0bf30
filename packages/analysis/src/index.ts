/**
 * @sopflow/analysis — the learning loop as pure functions over data: run records, transcripts,
 * diff, deviations, debrief, stats, delegation, synthesize, and process mining.
 * This file is the table of contents.
 */
export { RUN_STATUSES, STEP_STATUSES, isGoodOutcome, toEpochMs, stepDurationMs, stepRan, stepFailed, executedSteps, createStepRecord, createRunRecord } from './records/run-record.js';
export type { RunRecord, StepRecord, StepError, ToolCallRecord, RunStatus, StepStatus } from './records/run-record.js';
export { readOsoplog, MAX_OSOPLOG_BYTES } from './records/read-osoplog.js';
export { runRecordFromLog } from './records/run-record-from-log.js';
export type { ReadRecordResult, LogOrigin } from './records/run-record-from-log.js';
export { recordToOsoplog, serialiseOsoplog } from './records/write-osoplog.js';
export type { ExecutionLogObject } from './records/write-osoplog.js';
export { recordsToEvents, eventsToRecords, activityOf } from './records/record-events.js';
export type { RecordEvent, ActivityKey, RecordsToEventsOptions, EventsToRecordsOptions } from './records/record-events.js';
export { importClaudeCodeTranscript } from './transcript/import-claude-code-transcript.js';
export type { ImportTranscriptOptions, ImportTranscriptResult } from './transcript/import-claude-code-transcript.js';
export { classifyToolCall, filesTouched, TRANSCRIPT_PHASES } from './transcript/tool-activity.js';
export type { ToolActivity, TranscriptPhase } from './transcript/tool-activity.js';
export { readTranscriptLines } from './transcript/read-transcript-lines.js';
export { diffWorkflows } from './diff/diff-workflows.js';
export type { WorkflowDiff, FieldChange, NodeRef, EdgeRef } from './diff/diff-workflows.js';
export { matchNodes, nodeSimilarity, RENAME_THRESHOLD } from './diff/match-nodes.js';
export type { NodeMatch, NodeMatching } from './diff/match-nodes.js';
export { summariseWorkflowChanges } from './diff/semantic-summary.js';
export { summariseFailurePaths } from './diff/failure-path-changes.js';
export type { SemanticChange, ChangeSeverity } from './diff/semantic-summary.js';
export { forwardReach, areOrdered, concurrentPairs } from './diff/step-order.js';
export { diffRuns, alignPaths } from './diff/diff-runs.js';
export type { RunDiff, RunSide, StepComparison, PathMove } from './diff/diff-runs.js';
export { diffRunSets } from './diff/diff-run-sets.js';
export type { RunSetDiff, RunSetSide, StepSetComparison, DiffRunSetsOptions } from './diff/diff-run-sets.js';
export { renderDiff, diffBlocks } from './diff/render-diff.js';
export type { AnyDiff } from './diff/render-diff.js';
export { renderBlocks, formatMs, formatRate } from './diff/report-blocks.js';
export type { ReportBlock, ReportFormat } from './diff/report-blocks.js';
export { quantile, mean } from './stats/quantile.js';
export { computeStats } from './stats/compute-stats.js';
export type { RunStats, StepStats, HandoffStats, Bottleneck, StatsOptions } from './stats/compute-stats.js';
export { renderStats } from './stats/render-stats.js';

// Process mining: logs, DFG, inductive miner, Petri nets, replay, alignments, quality (PM4Py 2.7 figures).
export type { EventLog, LogCase, RawCase, RawEvent, LogBuilder } from './log/event-log.js';
export { createLogBuilder, countEvents } from './log/event-log.js';
export { LogReadError, isLogReadError, type LogReadErrorCode } from './log/log-read-error.js';
export { parseTimestamp, isValidTimeZone } from './log/parse-timestamp.js';
export { readXesFile, readXesStream, type ReadXesOptions } from './log/read-xes.js';
export { applyLifecycleRule, chooseLifecycleRule, describeLifecycleRule, isLifecycleFilter, type LifecycleFilter, type LifecycleRule } from './log/lifecycle-rule.js';
export { readCsvFile, readCsvText, readCsvStream, type ReadCsvOptions } from './log/read-csv.js';
export { writeXes, writeXesChunks, writeCsv } from './log/write-log.js';

export { discoverDfg, type Dfg, type DfgEdge } from './mining/dfg.js';
export { discoverVariants, type Variant } from './mining/variants.js';
// dfg/ — DFG views (frequency / performance, variant-coverage and arc filters) as Mermaid or DOT; the variants table
export { buildDfgView, type DfgView, type DfgViewOptions, type DfgMeasure } from './dfg/dfg-view.js';
export { renderDfgMermaid, renderDfgDot, dfgArcLabel } from './dfg/render-dfg.js';
export { buildVariantsTable, type VariantRow } from './dfg/variants-table.js';
export { discoverProcessTree, type InductiveOptions } from './mining/inductive/inductive-miner.js';
export { discoverAlphaNet } from './mining/alpha/alpha-miner.js';
export { discoverHeuristicsNet, HEURISTICS_DEFAULTS, type HeuristicsNet, type HeuristicsOptions } from './mining/heuristics/heuristics-net.js';
export { heuristicsNetToPetriNet } from './mining/heuristics/heuristics-to-petri.js';
export { formatTree, foldTree, sortTree, treeLabels, type ProcessTree, type TreeOperator } from './mining/process-tree.js';

export { compileNet, netSize, type PetriNet, type PetriArc, type CompiledNet } from './petri/petri-net.js';
export { treeToPetriNet } from './petri/tree-to-petri.js';
export { readPnml } from './petri/read-pnml.js';
// interchange/ — PNML, PTML and BPMN in and out; what cannot be carried across is listed, never dropped
export type { InterchangeLoss, Converted } from './interchange/interchange-loss.js';
export { writePnml, type WritePnmlOptions } from './interchange/write-pnml.js';
export { readPtml } from './interchange/read-ptml.js';
export { writePtml } from './interchange/write-ptml.js';
export { netToWorkflow, type NetToWorkflowOptions } from './interchange/net-to-workflow.js';
export { workflowToTree, type WorkflowTree } from './interchange/workflow-to-tree.js';
export { workflowToBpmn } from './interchange/workflow-to-bpmn.js';
export { bpmnToWorkflow } from './interchange/bpmn-to-workflow.js';

export {
  createReplaySetup, replayLog, tokenReplayFitness, summariseReplay, FITNESS_REPLAY,
  type LogReplay, type TokenReplayFitness,
} from './conformance/token-replay.js';
export type { TraceReplay, ReplayOptions, ReplaySetup } from './conformance/replay-trace.js';
export { alignTrace, createAlignSetup, MOVE_COST, TAU_COST, type AlignmentMove, type TraceAlignment, type AlignBudget, type AlignSetup } from './conformance/align-trace.js';
export { visibleEventuallyEnabled, visibleReachableThroughSilent } from './conformance/visible-eventually-enabled.js';
export { alignLog, bestWorstCost, type AlignmentFitness, type VariantAlignment } from './conformance/alignments.js';

export { etcPrecision, type PrecisionOptions } from './quality/precision.js';
export { generalization } from './quality/generalization.js';
export { simplicity } from './quality/simplicity.js';
export { mineLog, type MiningReport, type MineOptions } from './mine-log.js';
export { DEVIATION_KINDS } from './deviations/deviation.js';
export type { Deviation, DeviationKind } from './deviations/deviation.js';
export { buildPrescribedModel } from './deviations/prescribed-model.js';
export type { PrescribedModel, PrescribedStep, StepInputs, Arc } from './deviations/prescribed-model.js';
export { alignRunTrace } from './deviations/align-run-trace.js';
export type { RunAlignment, RunAlignmentMove, AlignRunOptions } from './deviations/align-run-trace.js';
export { judgeCondition, judgeSwitchCase } from './deviations/evaluate-condition.js';
export type { ConditionJudge } from './deviations/evaluate-condition.js';
export { conformRun } from './deviations/find-deviations.js';
export type { RunConformance, ConformOptions } from './deviations/find-deviations.js';
export { conformRuns } from './deviations/conform-runs.js';
export type { ConformanceReport } from './deviations/conform-runs.js';
export { fisherExactTwoSided, logFactorials } from './debrief/fisher-exact.js';
export { treeToWorkflow, type TreeToWorkflowOptions } from './export/tree-to-workflow.js';
export { CLASSIFIER_RULES, DEVIATION_CLASSES, classifyDeviation } from './debrief/classifier-rules.js';
export type { ClassifierRule, DeviationClass, RuleContext } from './debrief/classifier-rules.js';
export { correlateOutcomes } from './debrief/outcome-correlation.js';
export type { PatternCorrelation } from './debrief/outcome-correlation.js';
export { proposeUpdateCandidates, approveUpdateCandidate } from './debrief/update-candidates.js';
export type { UpdateCandidate, ProposedChange, CandidateInput, ApproveResult } from './debrief/update-candidates.js';
export { mergeInstitutionalMemory } from './debrief/institutional-memory.js';
export type { InstitutionalMemory, MemoryEntry } from './debrief/institutional-memory.js';
export { anonymise } from './debrief/anonymise.js';
export type { AnonymiseOptions } from './debrief/anonymise.js';
export { debrief } from './debrief/debrief.js';
export type { DebriefReport, DebriefOptions, ClassifiedDeviation } from './debrief/debrief.js';
export { renderDebrief } from './debrief/render-debrief.js';
export { assessReadiness } from './delegation/readiness.js';
export type { StepReadiness, ReadinessOptions } from './delegation/readiness.js';
export { delegationScope, currentDelegationState } from './delegation/delegation-scope.js';
export type { DelegationScope } from './delegation/delegation-scope.js';
export { delegationCaps } from './delegation/delegation-caps.js';
export type { DelegationCap } from './delegation/delegation-caps.js';
export { DEFAULT_DELEGATION_POLICY, resolveDelegationPolicy, stepThreshold } from './delegation/delegation-policy.js';
export type { DelegationPolicy, DemotionRule } from './delegation/delegation-policy.js';
export { decideLadder } from './delegation/delegation-ladder.js';
export type { LadderDecision, PromotionCheck, DemotionCheck, EvidenceTally } from './delegation/delegation-ladder.js';
export { collectStepEvidence } from './delegation/step-evidence.js';
export type { StepEvidence, DelegationObservation, TrialResult } from './delegation/step-evidence.js';
export { compareOutputs, textSimilarity, DEFAULT_NUMBER_RELATIVE, DEFAULT_TEXT_SIMILARITY } from './delegation/output-agreement.js';
export type { AgreementOptions, AgreementMeasure, FieldRule, FieldAgreement, OutputAgreement } from './delegation/output-agreement.js';
export { wilsonInterval, successesNeeded, Z_95 } from './delegation/wilson-interval.js';
export type { WilsonInterval } from './delegation/wilson-interval.js';
export { estimateOpportunity, rankPortfolio, recordHistory } from './delegation/opportunity.js';
export type { Opportunity, OpportunityDefaults, Assumption, Portfolio, RecordHistory } from './delegation/opportunity.js';
export { synthesizeWorkflow } from './synthesize/synthesize-workflow.js';
export type { SynthesizeOptions, SynthesisResult } from './synthesize/synthesize-workflow.js';
export type { SynthesisChange, SynthesisRemoval } from './synthesize/synthesis-change.js';
export { findSafetyRemovals } from './synthesize/find-safety-removals.js';
export { activityLabel, transcriptLabel, collapseTrace, labelToId, relabelRecords, purposeOf } from './synthesize/trace-labels.js';
export type { StepLabeller, TraceItem } from './synthesize/trace-labels.js';
export { orderRelations } from './synthesize/order-relations.js';
export type { LabelFacts, PairFacts, LoopFacts } from './synthesize/order-relations.js';
export { renderRationale } from './synthesize/render-rationale.js';
// journey/ — visits of a site along its ideal journey: the funnel, drop-off, detours; sessions as .osoplog
export { idealPath } from './journey/ideal-path.js';
export type { IdealStep } from './journey/ideal-path.js';
export { journeyFunnel } from './journey/journey-funnel.js';
export type { JourneyFunnel, JourneyFunnelOptions, FunnelGroup, FunnelStep, Detour } from './journey/journey-funnel.js';
export { journeySessionLog, matchIdealStep, isConverted, CONVERTED } from './journey/journey-session.js';
export type { JourneySession, JourneyEvent } from './journey/journey-session.js';
export { recordsToEventLog, eventLogToRecords } from './records/records-event-log.js';
export { workflowToPetriNet } from './deviations/workflow-to-petri-net.js';
export { recordsToConformanceLog, silentNodeIds } from './deviations/records-to-conformance-log.js';
export { createPetriNetAligner } from './deviations/petri-net-aligner.js';
export type { TraceAligner } from './deviations/petri-net-aligner.js';
export { trialsFromRecords } from './delegation/trials-from-records.js';
