/**
 * @sopflow/service — the use cases, one function per user action. The CLI, the server and the MCP
 * server call these and nothing else: each takes a context `{ store, engine?, actor }` and plain
 * arguments, returns plain data, and refuses with one `ServiceError { code, message, details }`
 * that adapters map with one table (`exitCodeOf`, `httpStatusOf`). This file is the table of contents.
 */
// Errors and the context
export { ServiceError, SERVICE_ERROR_CODES, exitCodeOf, httpStatusOf, isServiceError } from './service-error.js';
export type { ServiceErrorCode } from './service-error.js';
export { asServiceError, serviceCall } from './as-service-error.js';
export type { Actor, ServiceContext } from './service-context.js';

// The workspace: store + engine
export { openWorkspace, databaseSchema } from './workspace/open-workspace.js';
export type { Workspace, OpenWorkspaceOptions } from './workspace/open-workspace.js';
export { resolveDatabasePath, isPostgresUrl, describeDatabase, DEFAULT_DATABASE } from './workspace/resolve-database-path.js';

// The store itself: migrations, export and import
export { migrateDatabase, databaseMigrationStatus } from './database/migrate-database.js';
export { exportDatabase, importDatabase } from './database/export-database.js';
export type { DatabaseChoice } from './database/database-target.js';

// Identity: who acts
export { resolveActor, actorOf } from './identity/resolve-actor.js';
export { actOnBehalfOf } from './identity/act-on-behalf-of.js';
export { resolveTenantActor } from './identity/resolve-tenant-actor.js';

// Users of the directory
export { addUser } from './users/add-user.js';
export type { AddUserInput } from './users/add-user.js';
export { listUsers } from './users/list-users.js';
export { setUser } from './users/set-user.js';
export type { SetUserChanges } from './users/set-user.js';
export { removeUser } from './users/remove-user.js';
export type { UserView } from './users/user-view.js';

// Runs and tasks
export { startRun } from './runs/start-run.js';
export type { StartRunInput } from './runs/start-run.js';
export { completeTask } from './runs/complete-task.js';
export type { CompleteTaskInput, CompletedTask } from './runs/complete-task.js';
export { signalRun } from './runs/signal-run.js';
export { cancelRun } from './runs/cancel-run.js';
export { listRuns } from './runs/list-runs.js';
export { getRunStatus } from './runs/get-run-status.js';
export type { RunStatusView } from './runs/get-run-status.js';
export { listTasks } from './runs/list-tasks.js';
export type { ListTasksFilter } from './runs/list-tasks.js';
export { getRunLog } from './runs/get-run-log.js';
export { verifyAudit } from './runs/verify-audit.js';
export type { StoreAuditReport } from './runs/verify-audit.js';
export { runView, stepViews, taskView, describeWaits } from './runs/run-views.js';
export type { RunView, StepView, StepLiveState, TaskView } from './runs/run-views.js';
export { runHolding } from './runs/run-stall.js';
export type { RunHolding, StallView } from './runs/run-stall.js';

// Records for analysis: store runs, files, uploads
export { readStoreRecords } from './records/read-store-records.js';
export type { StoreRecordFilter } from './records/read-store-records.js';
export { buildRunLog } from './runs/get-run-log.js';
export { parseRecordSource, describeRecordSource } from './records/record-source.js';
export type { RecordSource } from './records/record-source.js';
export { readRunRecords } from './records/read-run-records.js';
export type { RecordsContext, ReadRunRecordsOptions, RunRecordSet, RecordFileReport } from './records/read-run-records.js';
export { readEventLog, isEventLogName } from './records/read-event-log.js';
export type { EventLogOptions } from './records/read-event-log.js';
export { readTextFile, MAX_TEXT_FILE_BYTES } from './records/read-text-file.js';
export type { TextFile } from './records/read-text-file.js';

// Interchange: OSOP Full, BPMN, PNML and PTML out; BPMN, PNML and PTML in (with the losses listed)
export { exportProcess, EXPORT_FORMATS } from './interchange/export-process.js';
export type { ExportedProcess, ExportFormat } from './interchange/export-process.js';
export { importProcessModel, isProcessModelFile, PROCESS_MODEL_EXTENSIONS } from './interchange/import-process-model.js';
// Analysis use cases: read the inputs, select the runs, call @sopflow/analysis, return plain data
export { conformRuns, DEFAULT_ALIGNMENT_BUDGET_MS } from './analysis/conform-runs.js';
export type { ConformRunsInput, ConformanceTotal, RunConformance } from './analysis/conform-runs.js';
export { debriefRuns } from './analysis/debrief-runs.js';
export type { DebriefRunsInput, DebriefRunsResult } from './analysis/debrief-runs.js';
export { diffWorkflows, diffRuns, diffRunSets } from './analysis/diff-processes.js';
export type { DiffRunSetsInput, RunSetInput } from './analysis/diff-processes.js';
export { runStats } from './analysis/run-stats.js';
export type { RunStatsInput, RunStatsResult } from './analysis/run-stats.js';
export { synthesizeProcess } from './analysis/synthesize-process.js';
export type { SynthesizeProcessInput, SynthesizedProcess } from './analysis/synthesize-process.js';

// Delegation on evidence: readiness per step, and promotion/demotion proposals with their evidence
export { delegationReadiness } from './delegation/delegation-readiness.js';
export type { DelegationReadinessInput, DelegationReadiness } from './delegation/delegation-readiness.js';
export { proposeDelegationChange, decisionLogPath } from './delegation/propose-delegation-change.js';
export type { DelegationChangeInput, DelegationDecision } from './delegation/propose-delegation-change.js';
export { checkDelegationChange } from './delegation/check-delegation-change.js';
export type { DelegationChangeRequest, CheckedDelegationChange } from './delegation/check-delegation-change.js';
export { draftWithDelegation, delegationDraft, draftPath } from './delegation/draft-version.js';
export type { DelegationDraft } from './delegation/draft-version.js';
export { mineEventLog, viewEventLogDfg, listEventLogVariants } from './analysis/mine-event-log.js';
export type { MineEventLogInput, MinedProcess, ViewEventLogDfgInput, EventLogDfgView } from './analysis/mine-event-log.js';
export { exportEventLog } from './analysis/export-event-log.js';
export type { ExportEventLogInput, ExportedEventLog } from './analysis/export-event-log.js';
export { importTranscript } from './analysis/import-transcript.js';
export type { ImportTranscriptInput, ImportedTranscript } from './analysis/import-transcript.js';

// Process OS (the server's use cases): tenants, accounts, tokens, sessions, SOPs, runs, tasks, routines — every one tenant-scoped
export { ACCOUNT_ROLES, TOKEN_SCOPES, ROLE_PERMISSIONS, SCOPE_PERMISSIONS, can, requirePermission, accountRolesOf } from './process-os/tenant-actor.js';
export type { AccountRole, TokenScope, Permission, TenantActor, ProcessContext } from './process-os/tenant-actor.js';
export { createTenant, findTenant, listTenants } from './process-os/create-tenant.js';
export type { TenantView } from './process-os/create-tenant.js';
export { addAccountUser } from './process-os/add-account-user.js';
export type { AddAccountUserInput, AccountUserView } from './process-os/add-account-user.js';
export { createToken, revokeToken } from './process-os/api-tokens.js';
export { authenticateToken, authenticateSession } from './process-os/authenticate.js';
export { cacheVersionsOf, changeCountersOf } from './process-os/change-counters.js';
export type { CacheVersions } from './process-os/change-counters.js';
export type { ChangeCounters } from './process-os/change-counters.js';
export { login, logout, createLoginLimiter } from './process-os/login.js';
export type { LoginLimit, LoginLimiter, LoginResult } from './process-os/login.js';
export { createWorkstream, listWorkstreams } from './process-os/create-workstream.js';
export type { WorkstreamView } from './process-os/create-workstream.js';
export { createSop } from './process-os/create-sop.js';
export type { CreateSopInput } from './process-os/create-sop.js';
export { listSops, SOP_PAGE_MAX, type SopPage } from './process-os/list-sops.js';
export type { ListSopsInput } from './process-os/list-sops.js';
export { getSop } from './process-os/get-sop.js';
export { getSopDocument } from './process-os/get-sop-document.js';
export { listSopRuns } from './process-os/list-sop-runs.js';
export { publishSop } from './process-os/publish-sop.js';
export { runSop } from './process-os/run-sop.js';
export type { RunSopInput } from './process-os/run-sop.js';
export { setRoutine, nextFireTimes } from './process-os/set-routine.js';
export type { SetRoutineInput, RoutineView } from './process-os/set-routine.js';
export { routineInputProblems, sopInputViews, isSecretInput } from './process-os/routine-inputs.js';
export type { SopInputView } from './process-os/routine-inputs.js';
export { fireDueRoutines } from './process-os/fire-due-routines.js';
export type { RoutineFire } from './process-os/fire-due-routines.js';
export { listRoutines } from './process-os/list-routines.js';
export type { TenantRoutineView } from './process-os/list-routines.js';
export { listTenantTasks, getTenantTask, completeTenantTask, getTenantRun } from './process-os/tenant-tasks.js';
export type { TenantTaskView, TenantRunView } from './process-os/tenant-tasks.js';
export type { SopSummary, SopDetail, SopStep, SopRunHandle, SopRunRef, SopActivity, DelegationState, DelegationMix } from './process-os/sop-views.js';
export { stepTimeline } from './process-os/step-timeline.js';
export type { StepTiming } from './process-os/step-timeline.js';
export { bootstrapFirstTenant } from './process-os/bootstrap-first-tenant.js';
export type { FirstLogin } from './process-os/bootstrap-first-tenant.js';
export { seedDemoLibrary } from './process-os/seed-demo-library.js';
export { readRunEvents } from './process-os/read-run-events.js';
export { listSopVersions, getSopVersion, diffSopVersions, versionView } from './process-os/sop-versions.js';
export type { SopVersionView } from './process-os/sop-versions.js';
export { editDraftVersion, createDraftVersion, insertDraftVersion, publishSopVersion, archiveSop, validDocument } from './process-os/change-sop-version.js';
export type { DraftVersionInput } from './process-os/change-sop-version.js';
export { listTenantRuns, cancelTenantRun, getTenantRunLog, verifyTenantRunAudit } from './process-os/tenant-runs.js';
export type { ListRunsInput, TenantRunSummary } from './process-os/tenant-runs.js';
export { readSopRunSources, MAX_SOP_RUNS } from './process-os/sop-run-records.js';
export { recordDelegationTrial, listDelegationTrials } from './process-os/delegation-trials.js';
export type { TrialInput, DelegationTrialView } from './process-os/delegation-trials.js';
export type { SopRunSources } from './process-os/sop-run-records.js';
export { debriefSop, learningSubject } from './process-os/debrief-sop.js';
export type { SopDebrief, LearningSubject, DebriefPeriod } from './process-os/debrief-sop.js';
export { approveSopUpdateCandidate, rejectSopUpdateCandidate, candidateId } from './process-os/sop-update-candidates.js';
export type { SopUpdateCandidate, CandidateDecision } from './process-os/sop-update-candidates.js';
export { getSopDelegation } from './process-os/sop-delegation.js';
export type { SopDelegation } from './process-os/sop-delegation.js';
export { changeStepDelegation } from './process-os/change-step-delegation.js';
export type { StepDelegationInput, StepDelegationDecision } from './process-os/change-step-delegation.js';
export { listTenantOpportunities, editOpportunityAssumptions, createPortfolioCache } from './process-os/tenant-opportunities.js';
export type { TenantOpportunity, TenantPortfolio, PortfolioCache, PortfolioOptions } from './process-os/tenant-opportunities.js';
export { EDITABLE_ASSUMPTIONS, checkAssumptions } from './process-os/opportunity-assumptions.js';
export type { EditableAssumption, AssumptionEdit } from './process-os/opportunity-assumptions.js';
export { listInbox, claimTenantTask, decideTenantTask } from './process-os/task-inbox.js';
export type { InboxTaskView, InboxFilter } from './process-os/task-inbox.js';
export { readStoreGauges } from './process-os/server-metrics.js';
export type { StoreGauges } from './process-os/server-metrics.js';
export { listAccountUsers, listTenantTokens, listAuditLog, verifyTenantAdminLog } from './process-os/tenant-admin.js';
export type { AccountListing, TokenListing, AdminLogVerdict, AdminLogBreak } from './process-os/tenant-admin.js';
export type { RunEventView } from './process-os/read-run-events.js';

// Discovery (`.sop` as robots.txt for agents): the public collection a server serves, and reading another site's
export { setSopPublic } from './discovery/set-sop-public.js';
export { getPublicCollection, getPublicSopDocument, publicSopPath } from './discovery/public-collection.js';
export type { PublicDocument } from './discovery/public-collection.js';
export { discoverSite, pullOperation, MAX_OPERATIONS, DISCOVERY_TOTAL_MS } from './discovery/discover-site.js';
export type { DiscoveredSite, DiscoveryLimits } from './discovery/discover-site.js';
export type { Operation, OperationStep } from './discovery/describe-operation.js';
export { fetchLimited, DEFAULT_FETCH_LIMITS } from './discovery/fetch-limited.js';
export type { FetchLimits, FetchedDocument } from './discovery/fetch-limited.js';

// Importing documents (Markdown, Word, PDF, HTML, text) into draft SOPs
export { importDocument, withoutStepPrefixes, MAX_IMPORT_BYTES } from './import/import-document.js';
export type { ImportDocumentInput, ImportDocumentResult } from './import/import-document.js';

// Documents uploaded to a tenant and the jobs importing them into draft SOPs
export { uploadDocument, listDocuments, getDocument, MAX_DOCUMENT_BYTES } from './documents/documents.js';
export type { DocumentView } from './documents/documents.js';
export { detectDocumentType, DOCUMENT_TYPES } from './documents/document-type.js';
export type { DocumentType, DocumentTypeRefusal } from './documents/document-type.js';
export { startImportJob, getImportJob, failInterruptedImportJobs } from './documents/import-jobs.js';
export type { ImportJobView } from './documents/import-jobs.js';

// Journey tracking: a tenant's public journey keys, the collector, sessions as .osoplog, the funnel along an ideal journey
export { createJourneyKey, listJourneyKeys, revokeJourneyKey } from './journey/journey-keys.js';
export type { JourneyKeyView } from './journey/journey-keys.js';
export { recordJourneyEvents, allowedKey, MAX_JOURNEY_BODY_BYTES, MAX_JOURNEY_EVENTS } from './journey/record-journey-events.js';
export type { JourneyBeacon, UnknownKeyBudget } from './journey/record-journey-events.js';
export { createRateLimiter } from './rate-limiter.js';
export type { RateLimiter } from './rate-limiter.js';
export { journeyReport, readJourneySessions, journeySessionLogs, MAX_JOURNEY_EVENTS_READ } from './journey/journey-report.js';
export type { JourneyQuery, JourneyReportInput, JourneyReport, JourneyProposal } from './journey/journey-report.js';

// The SOP hub: publish signed versions, search, pull with the signature checked, run reports and the community ranking
export { generateHubKeyPair, signHubDocument, verifyHubSignature, publisherIdOf, publicKeyOf, canonicalHubText, hubContentHash } from './hub/hub-keys.js';
export type { HubKeyPair } from './hub/hub-keys.js';
export { describeHubDocument, hubWords, MAX_HUB_DOCUMENT_BYTES } from './hub/hub-document.js';
// Which semver is newer: the format's one rule, for the hub's callers.
export { compareSemver } from '@sopflow/format';
export type { HubDocument } from './hub/hub-document.js';
export { publishToHub, getHubVersion, listHubVersions } from './hub/publish-to-hub.js';
export type { HubPublication, HubPackageVersion } from './hub/publish-to-hub.js';
export { searchHub, hubRanking, HUB_SORTS } from './hub/search-hub.js';
export type { HubSearchInput, HubSearchResult, HubSort, HubCommunityFigures, HubRankingEntry } from './hub/search-hub.js';
export { reportToHub } from './hub/report-to-hub.js';
export type { HubRunReport } from './hub/report-to-hub.js';
export { collectRunFigures } from './hub/collect-run-figures.js';
export { hubPublish, hubSearch, hubPull, hubReport, hubRankingOf, verifyHubPackage } from './hub/hub-client.js';
export type { HubPublished } from './hub/hub-client.js';
export type { HubConnection } from './hub/hub-request.js';
