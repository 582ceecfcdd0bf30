import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkSchema, parseSource } from '@sopflow/format';
import { classifyToolCall, filesTouched, importClaudeCodeTranscript, readOsoplog, serialiseOsoplog } from '../index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test-fixtures/transcripts/${name}.jsonl`, import.meta.url), 'utf8');

describe('importClaudeCodeTranscript', () => {
  it('makes one node record per tool call with activity, phase, files, duration and tokens', () => {
    const { log, record, diagnostics } = importClaudeCodeTranscript(fixture('fix-test-01'));
    assert.deepEqual(diagnostics, []);
    assert.equal(record.steps.length, 5);
    assert.deepEqual(record.steps.map((s) => s.activity), ['explore:read', 'explore:read', 'edit:change', 'verify:test', 'ship:commit']);
    assert.deepEqual(record.steps.map((s) => s.phase), ['explore', 'explore', 'edit', 'verify', 'ship']);
    assert.deepEqual(record.steps[0].files, ['src/invoice/total.test.ts']);
    assert.equal(record.steps[3].durationMs, 6800);
    assert.ok((record.steps[0].inputTokens ?? 0) > 12000);
    assert.equal(record.outcome, 'success');
    assert.equal(record.runId, '3f1c9a52-7d1e-4b8a-9a0e-1c2b3d4e5f01');
    assert.equal(log.status, 'COMPLETED');
    assert.deepEqual(log.trigger, { type: 'transcript_capture', source: 'claude-code' });
    assert.equal((log.runtime as { source: string }).source, 'transcript-parser');
    const nodes = log.node_records as Record<string, unknown>[];
    assert.equal(nodes[3].node_type, 'cli');
    assert.equal(nodes[4].node_type, 'git');
  });

  it('marks tool errors as FAILED steps and counts retries of the same activity as attempts', () => {
    const { record } = importClaudeCodeTranscript(fixture('fix-test-04'));
    const tests = record.steps.filter((s) => s.activity === 'verify:test');
    assert.deepEqual(tests.map((s) => s.status), ['FAILED', 'FAILED', 'COMPLETED']);
    assert.deepEqual(tests.map((s) => s.attempt), [1, 2, 3]);
    assert.equal(tests[0].error?.code, 'tool_error');
    assert.match(tests[0].error?.message ?? '', /isLeap is not defined/);
  });

  it('reports malformed lines with their line numbers and still imports the rest', () => {
    const { record, diagnostics } = importClaudeCodeTranscript(fixture('malformed-session'), { file: 'malformed-session.jsonl' });
    const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, d.line]));
    assert.equal(byCode['transcript-bad-json'], 4);
    assert.equal(byCode['transcript-bad-line'], 5);
    assert.equal(byCode['transcript-unknown-type'], 6);
    assert.ok(diagnostics.every((d) => d.file === 'malformed-session.jsonl'));
    assert.equal(record.steps.length, 2);
    assert.equal(record.extra.result_summary, 'Fix login test');
  });

  it('records a tool_use without a result as FAILED with a diagnostic, and ignores orphan results', () => {
    const lines = [
      { type: 'assistant', timestamp: '2026-01-01T10:00:00Z', sessionId: 's1', message: { id: 'm1', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'npm test' } }] } },
      { type: 'user', timestamp: '2026-01-01T10:00:05Z', message: { content: [{ type: 'tool_result', tool_use_id: 'nope', content: 'x' }] } },
    ].map((l) => JSON.stringify(l)).join('\n');
    const { record, diagnostics } = importClaudeCodeTranscript(lines);
    assert.equal(record.steps[0].status, 'FAILED');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['transcript-orphan-result', 2], ['transcript-no-result', 1]]);
    assert.equal(record.outcome, 'failure');
  });

  it('keeps a sub-agent’s inline (sidechain) tool calls, marked as such', () => {
    const lines = [
      { type: 'assistant', isSidechain: true, timestamp: '2026-01-01T10:00:00Z', message: { id: 'm1', content: [{ type: 'tool_use', id: 't1', name: 'Grep', input: { pattern: 'x' } }] } },
      { type: 'user', isSidechain: true, timestamp: '2026-01-01T10:00:01Z', message: { content: [{ type: 'tool_result', tool_use_id: 't1', content: 'a.ts' }] } },
    ].map((l) => JSON.stringify(l)).join('\n');
    const { record, log } = importClaudeCodeTranscript(lines);
    assert.deepEqual(record.steps[0].extra, { sidechain: true });
    assert.equal((log.node_records as Record<string, unknown>[])[0].sidechain, true);
  });

  it('splits one message’s tokens over the tool calls it made', () => {
    const lines = [
      { type: 'assistant', timestamp: '2026-01-01T10:00:00Z', message: { id: 'm1', usage: { input_tokens: 10, cache_read_input_tokens: 91, output_tokens: 7 }, content: [
        { type: 'tool_use', id: 'a', name: 'Read', input: { file_path: 'a.ts' } }, { type: 'tool_use', id: 'b', name: 'Read', input: { file_path: 'b.ts' } }] } },
      { type: 'user', timestamp: '2026-01-01T10:00:01Z', message: { content: [{ type: 'tool_result', tool_use_id: 'a', content: 'x' }, { type: 'tool_result', tool_use_id: 'b', content: [{ type: 'text', text: 'y' }] }] } },
    ].map((l) => JSON.stringify(l)).join('\n');
    const { record } = importClaudeCodeTranscript(lines);
    assert.deepEqual(record.steps.map((s) => [s.inputTokens, s.outputTokens]), [[51, 4], [50, 3]]);
    assert.equal(record.steps[1].toolCalls[0].output, 'y');
  });

  it('returns an empty FAILED run with no crash for empty or garbage input', () => {
    const { record, diagnostics } = importClaudeCodeTranscript('garbage\n\n{');
    assert.equal(record.status, 'FAILED');
    assert.equal(record.steps.length, 0);
    assert.deepEqual(diagnostics.map((d) => d.line), [1, 3]);
  });

  it('writes a log valid under OSOP\'s own (strict) log schema for every fixture session', () => {
    for (const n of ['01', '02', '03', '04', '05', '06']) {
      const { log } = importClaudeCodeTranscript(fixture(`fix-test-${n}`));
      const parsed = parseSource(JSON.stringify(log), `s${n}.osoplog.json`);
      assert.ok(parsed.source, JSON.stringify(parsed.diagnostics));
      assert.deepEqual(checkSchema({ ...parsed.source, kind: 'log' }, 'osop'), [], `session ${n}`);
    }
  });

  it('writes a log that reads back into the same steps', () => {
    const { record } = importClaudeCodeTranscript(fixture('fix-test-05'));
    const back = readOsoplog(serialiseOsoplog(record), 'x.osoplog');
    assert.deepEqual(back.diagnostics, []);
    assert.deepEqual(back.record?.steps.map((s) => [s.activity, s.status, s.durationMs]), record.steps.map((s) => [s.activity, s.status, s.durationMs]));
  });
});

describe('classifyToolCall', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['Read', { file_path: 'a' }, 'explore:read'], ['Glob', { pattern: '**/*.ts' }, 'explore:search'], ['WebFetch', {}, 'explore:web'],
    ['Edit', {}, 'edit:change'], ['NotebookEdit', {}, 'edit:change'],
    ['Bash', { command: 'npm test' }, 'verify:test'], ['Bash', { command: 'pytest -q tests/' }, 'verify:test'],
    ['Bash', { command: 'npx eslint src' }, 'verify:lint'], ['Bash', { command: 'npx tsc --noEmit' }, 'verify:typecheck'],
    ['Bash', { command: 'npm run build' }, 'verify:build'], ['Bash', { command: 'git commit -m x' }, 'ship:commit'],
    ['Bash', { command: 'git push origin x && gh pr create' }, 'ship:pr'], ['Bash', { command: 'git status' }, 'explore:shell'],
    ['Bash', { command: 'rm -rf build' }, 'other:shell'], ['mcp__github__get_issue', {}, 'other:github'],
  ];
  for (const [tool, input, expected] of cases) {
    it(`classifies ${tool} ${String(input.command ?? '')} as ${expected}`, () => assert.equal(classifyToolCall(tool, input).activity, expected));
  }
  it('finds files in inputs and commands, relative to the working directory', () => {
    assert.deepEqual(filesTouched({ command: 'npx jest src/a.test.ts --ci' }, '/w'), ['src/a.test.ts']);
    assert.deepEqual(filesTouched({ file_path: '/w/src/x.ts' }, '/w'), ['src/x.ts']);
  });
});
