import type { WorkflowNode } from '@sopflow/format';

/**
 * Port: carries out one attempt of one step. Executors do IO (processes, HTTP, models, MCP);
 * the engine decides what to run and what to do with the result. An executor never throws for
 * an expected failure: it returns `{ status: 'failed' }` with a code and whether a retry may help.
 */
export interface StepExecutor {
  /** Node types (or runtime kinds) this executor serves, e.g. ['cli'] or ['agent']. */
  readonly handles: readonly string[];
  execute(request: StepRequest): Promise<StepResult>;
}

export interface StepRequest {
  runId: string;
  node: WorkflowNode;
  /** 1-based attempt number. */
  attempt: number;
  /** Inputs resolved by the engine (run inputs, earlier outputs, loop item). */
  input: Record<string, unknown>;
  /** Stable per run+node+iteration (not per attempt): send as the Idempotency-Key header. */
  idempotencyKey: string;
  /** Aborted when the step's timeout elapses or the run is cancelled. */
  signal: AbortSignal;
  /** Secrets resolved from the environment or a secrets file; never logged or recorded. */
  secrets: SecretSource;
  /**
   * What `${...}` placeholders in runtime fields may read besides `input`: the run's inputs and
   * finished steps' outputs. Structurally a subset of `CelScope` from @sopflow/format, so the
   * engine can pass the scope it evaluates CEL with. Absent = `${inputs.x}` reads `input` only.
   */
  scope?: StepScope;
  /**
   * The workflow's `allowed_hosts` (sopflow extension): what api steps may reach. Absent or
   * empty = any public host, and no private, loopback or link-local address.
   */
  allowedHosts?: readonly string[];
  /**
   * Called with the pid of each process group leader the executor starts (spawned detached), so
   * the engine can record it on the run's lease and a successor can kill it after a crash.
   */
  onProcessStarted?: (pid: number) => void;
  /**
   * Variables to add to the environment of every process the executor starts: the engine marks its
   * steps' processes with its lease owner, so a successor finds one started but not yet recorded.
   */
  processEnv?: Readonly<Record<string, string>>;
}

export interface StepScope {
  inputs?: Record<string, unknown>;
  /** Finished steps in completion order; a later result for the same node replaces an earlier one. */
  steps?: readonly { nodeId: string; outputs?: Record<string, unknown> }[];
}

export interface SecretSource {
  get(name: string): string | undefined;
  /** Replaces every known secret value in `text` with `[REDACTED]`. */
  redact(text: string): string;
}

export type StepResult = StepCompletedResult | StepFailedResult | StepEscalatedResult;

export interface StepCompletedResult {
  status: 'completed';
  output: Record<string, unknown>;
  /** Agent steps: the model's stated confidence, 0..1. */
  confidence?: number;
  usage?: ModelUsage;
  toolCalls?: ToolCallRecord[];
}

export interface StepFailedResult {
  status: 'failed';
  error: StepError;
  toolCalls?: ToolCallRecord[];
}

/** The executor cannot act and hands the step to a person (e.g. NO_MODEL). */
export interface StepEscalatedResult {
  status: 'escalated';
  reason: EscalationReason;
  message: string;
}

export type EscalationReason = 'NO_MODEL' | 'LOW_CONFIDENCE' | 'AUTH_DENIED' | 'TIMEOUT' | 'FAILED' | 'UNKNOWN_OUTCOME';

export interface StepError {
  /** Stable code: 'TIMEOUT', 'HTTP_503', 'EXIT_2', 'NETWORK', 'INVALID_OUTPUT', ... */
  code: string;
  message: string;
  /** True when another attempt may succeed (5xx, network, timeout); false for terminal errors. */
  retryable: boolean;
}

export interface ModelUsage {
  provider: string;
  model: string;
  promptTokens?: number;
  completionTokens?: number;
}

export interface ToolCallRecord {
  tool: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  status: 'COMPLETED' | 'FAILED' | 'TIMEOUT';
  input?: unknown;
  output?: unknown;
}
