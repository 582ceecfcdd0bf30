/** Transcript phases: what a coding agent's tool call was for. */
export const TRANSCRIPT_PHASES = ['explore', 'edit', 'verify', 'ship', 'other'] as const;
export type TranscriptPhase = (typeof TRANSCRIPT_PHASES)[number];

export interface ToolActivity {
  phase: TranscriptPhase;
  /** `phase:action`, e.g. `verify:test`; the label process mining groups by. */
  activity: string;
}

const EXPLORE_TOOLS: Record<string, string> = {
  Read: 'read', NotebookRead: 'read', Grep: 'search', Glob: 'search', LS: 'search',
  WebFetch: 'web', WebSearch: 'web', TodoWrite: 'plan', TodoRead: 'plan', Task: 'delegate', ExitPlanMode: 'plan',
};
const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/** Ordered: the first rule whose pattern matches the command wins. */
const COMMAND_RULES: readonly { pattern: RegExp; phase: TranscriptPhase; action: string }[] = [
  { pattern: /\bgh\s+pr\b/, phase: 'ship', action: 'pr' },
  { pattern: /\bgit\s+push\b/, phase: 'ship', action: 'push' },
  { pattern: /\bgit\s+(commit|add)\b/, phase: 'ship', action: 'commit' },
  { pattern: /\b(eslint|prettier\s+--check|ruff|flake8|pylint|golangci-lint|clippy|biome\s+(check|lint)|stylelint)\b|\b(npm|pnpm|yarn)\s+(run\s+)?lint\b/, phase: 'verify', action: 'lint' },
  { pattern: /\b(tsc|mypy|pyright)\b|\b(npm|pnpm|yarn)\s+(run\s+)?(typecheck|type-check|check-types)\b/, phase: 'verify', action: 'typecheck' },
  { pattern: /\b(jest|vitest|pytest|mocha|ava|rspec|phpunit)\b|\b(npm|pnpm|yarn|bun)\s+(run\s+)?test\b|\b(go|cargo|mvn|gradle|make|dotnet|deno)\s+test\b|node\s+--test\b|\bnode\s+scripts\/test/, phase: 'verify', action: 'test' },
  { pattern: /\b(npm|pnpm|yarn)\s+run\s+build\b|\b(cargo|go|mvn|gradle|dotnet)\s+build\b|^make\b|\bvite\s+build\b|\bwebpack\b/, phase: 'verify', action: 'build' },
  { pattern: /^\s*(git\s+(status|diff|log|show|blame|branch)|ls|cat|head|tail|find|grep|rg|wc|pwd|tree|sed\s+-n)\b/, phase: 'explore', action: 'shell' },
  { pattern: /\b(npm|pnpm|yarn|pip|cargo)\s+(install|ci|add)\b/, phase: 'other', action: 'install' },
];

/**
 * Pure; the phase and activity of one tool call from its tool name and input
 * (Bash commands are read: tests, builds, linters → verify; git commit/push, gh pr → ship).
 * @example classifyToolCall('Bash', { command: 'npm test -- auth' }) // { phase: 'verify', activity: 'verify:test' }
 */
export function classifyToolCall(tool: string, input: Record<string, unknown>): ToolActivity {
  const explore = EXPLORE_TOOLS[tool];
  if (explore !== undefined) return { phase: 'explore', activity: `explore:${explore}` };
  if (EDIT_TOOLS.has(tool)) return { phase: 'edit', activity: 'edit:change' };
  if (tool === 'Bash' || tool === 'BashOutput') {
    const command = typeof input.command === 'string' ? input.command : '';
    for (const rule of COMMAND_RULES) {
      if (rule.pattern.test(command)) return { phase: rule.phase, activity: `${rule.phase}:${rule.action}` };
    }
    return { phase: 'other', activity: 'other:shell' };
  }
  if (tool.startsWith('mcp__')) return { phase: 'other', activity: `other:${tool.split('__')[1] ?? 'mcp'}` };
  return { phase: 'other', activity: `other:${tool.toLowerCase()}` };
}

const PATH_TOKEN = /(?:^|\s)((?:\.{0,2}\/)?[\w.@-]+(?:\/[\w.@-]+)+|[\w-]+\.(?:ts|tsx|js|jsx|mjs|py|go|rs|java|rb|json|ya?ml|md|toml|css|html|sql|sh))(?=$|\s|:)/g;

/**
 * Pure; the files a tool call touched, from `file_path`, `notebook_path`, `path`, `pattern`
 * and path-like words of a shell command; made relative to `cwd` when under it.
 */
export function filesTouched(input: Record<string, unknown>, cwd?: string): string[] {
  const found: string[] = [];
  for (const key of ['file_path', 'notebook_path', 'path', 'pattern']) {
    const value = input[key];
    if (typeof value === 'string' && value !== '') found.push(value);
  }
  if (Array.isArray(input.edits) && typeof input.file_path !== 'string') {
    for (const e of input.edits) if (e && typeof e === 'object' && typeof (e as { file_path?: unknown }).file_path === 'string') found.push((e as { file_path: string }).file_path);
  }
  if (typeof input.command === 'string') {
    for (const match of input.command.matchAll(PATH_TOKEN)) found.push(match[1]);
  }
  const relative = found.map((f) => (cwd !== undefined && f.startsWith(`${cwd}/`) ? f.slice(cwd.length + 1) : f));
  return [...new Set(relative)];
}
