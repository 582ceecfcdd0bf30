import type { Diagnostic } from '@sopflow/format';

/** One content block of a Claude Code message, as far as the importer reads it. */
export type TranscriptBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; toolUseId: string; content: string; isError: boolean }
  | { type: 'other' };

/** One usable line of a Claude Code session JSONL. */
export interface TranscriptEntry {
  line: number;
  kind: 'user' | 'assistant' | 'system' | 'summary';
  timestamp?: string;
  sessionId?: string;
  uuid?: string;
  parentUuid?: string;
  cwd?: string;
  gitBranch?: string;
  /** A sub-agent's entry (Task tool) logged inline in the parent session. */
  sidechain: boolean;
  messageId?: string;
  model?: string;
  usage?: TokenUsage;
  blocks: TranscriptBlock[];
  summary?: string;
}

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

/** Longest line read (4 MiB); longer lines become diagnostics. */
export const MAX_TRANSCRIPT_LINE = 4 * 1024 * 1024;

/**
 * Pure; the usable entries of a session JSONL and a diagnostic (with its 1-based line number) for
 * every line that is not JSON, not an object, or not a known entry type. Never throws.
 */
export function readTranscriptLines(text: string, file?: string): { entries: TranscriptEntry[]; diagnostics: Diagnostic[] } {
  const entries: TranscriptEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, code: string, message: string, severity: Diagnostic['severity'] = 'warning'): void => {
    diagnostics.push({ code, severity, message, file, line, column: 1 });
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (raw.length > MAX_TRANSCRIPT_LINE) return report(line, 'transcript-line-too-long', `line is ${raw.length} characters; skipped`);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return report(line, 'transcript-bad-json', `not valid JSON (${(error as Error).message}); skipped`);
    }
    if (!isObject(value)) return report(line, 'transcript-bad-line', 'line is not a JSON object; skipped');
    const kind = value.type;
    if (kind !== 'user' && kind !== 'assistant' && kind !== 'system' && kind !== 'summary') {
      return report(line, 'transcript-unknown-type', `entry type ${JSON.stringify(kind)} is not read; skipped`, 'info');
    }
    const message = isObject(value.message) ? value.message : undefined;
    if ((kind === 'user' || kind === 'assistant') && message === undefined) {
      return report(line, 'transcript-bad-line', `${kind} entry has no message object; skipped`);
    }
    const timestamp = str(value.timestamp);
    if (timestamp !== undefined && Number.isNaN(Date.parse(timestamp))) report(line, 'transcript-bad-timestamp', `timestamp "${timestamp}" is not a date`);
    entries.push({
      line,
      kind,
      timestamp: timestamp !== undefined && !Number.isNaN(Date.parse(timestamp)) ? timestamp : undefined,
      sessionId: str(value.sessionId),
      uuid: str(value.uuid),
      parentUuid: str(value.parentUuid),
      cwd: str(value.cwd),
      gitBranch: str(value.gitBranch),
      sidechain: value.isSidechain === true,
      messageId: str(message?.id),
      model: str(message?.model),
      usage: readUsage(message?.usage),
      blocks: readBlocks(message?.content),
      summary: str(value.summary),
    });
  });
  return { entries, diagnostics };
}

function readBlocks(content: unknown): TranscriptBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.map((block): TranscriptBlock => {
    if (!isObject(block)) return { type: 'other' };
    switch (block.type) {
      case 'text': return { type: 'text', text: str(block.text) ?? '' };
      case 'tool_use':
        if (typeof block.id !== 'string' || typeof block.name !== 'string') return { type: 'other' };
        return { type: 'tool_use', id: block.id, name: block.name, input: isObject(block.input) ? block.input : {} };
      case 'tool_result':
        if (typeof block.tool_use_id !== 'string') return { type: 'other' };
        return { type: 'tool_result', toolUseId: block.tool_use_id, content: resultText(block.content), isError: block.is_error === true };
      default: return { type: 'other' };
    }
  });
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((c) => (isObject(c) && typeof c.text === 'string' ? c.text : '')).filter((t) => t !== '').join('\n');
  }
  return '';
}

function readUsage(usage: unknown): TokenUsage | undefined {
  if (!isObject(usage)) return undefined;
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  return {
    input: n(usage.input_tokens), output: n(usage.output_tokens),
    cacheRead: n(usage.cache_read_input_tokens), cacheCreation: n(usage.cache_creation_input_tokens),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
