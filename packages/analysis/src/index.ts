/**
 * @sopflow/analysis — the learning loop as pure functions over data: run records, transcripts,
 * diff, deviations, debrief, stats, delegation, synthesize, and process mining.
 * This file is the table of contents.
 */
export { RUN_STATUSES, STEP_STATUSES, isGoodOutcome, toEpochMs, stepDurationMs, stepRan, stepFailed, executedSteps, createStepRecord, createRunRecord } from './records/run-record.js';
export type { RunRecord, StepRecord, StepError, ToolCallRecord, RunStatus, StepStatus } from './records/run-record.js';
export { readOsoplog, MAX_OSOPLOG_BYTES } from './records/read-osoplog.js';
export type { ReadRecordResult } from './records/read-osoplog.js';
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
export { summariseWorkflowChanges, hasApproval, performerOf } from './diff/semantic-summary.js';
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
