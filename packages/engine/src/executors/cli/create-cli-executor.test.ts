import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Runtime } from '@sopflow/format';
import { fixedSecrets, makeNode, makeRequest } from '../../../test-support/executor-request.js';
import { completed, failure } from '../../../test-support/step-result-outcome.js';
import type { StepRequest, StepResult } from '../../ports/step-executor.js';
import { createCliExecutor, type CliExecutorOptions } from './create-cli-executor.js';

const node = process.execPath;
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'sopflow-cli-')));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', FOO: 'foo-value', OTHER: 'must-not-leak' };
const PRINT_ARGS = 'console.log(JSON.stringify(process.argv.slice(1)))';

function run(runtime: Runtime, extra: Partial<StepRequest> & { timeoutSec?: number } = {}, options: CliExecutorOptions = {}): Promise<StepResult> {
  const { timeoutSec, ...overrides } = extra;
  const step = makeNode({ id: 'step', type: 'cli', runtime, ...(timeoutSec === undefined ? {} : { timeoutSec }) });
  return createCliExecutor({ env, cwd: dir, killGraceMs: 200, ...options }).execute(makeRequest(step, overrides));
}

function isGone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** A killed process may take a moment to be gone; wait for it, bounded. */
async function eventuallyGone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 200 && !isGone(pid); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return isGone(pid);
}

async function waitForFile(path: string): Promise<string> {
  for (let tries = 0; tries < 500; tries += 1) {
    if (existsSync(path) && readFileSync(path, 'utf8').includes('\n')) return readFileSync(path, 'utf8');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${path} never appeared`);
}

describe('createCliExecutor', () => {
  it('runs an argv array and returns stdout, stderr and exit code', async () => {
    const output = completed(await run({ command: ['/bin/echo', 'hello', 'a  b'] }));
    assert.deepEqual(output, { stdout: 'hello a  b\n', stderr: '', exit_code: 0 });
  });

  it('splits a string command with quotes respected: "a b" stays one argument', async () => {
    const output = completed(await run({ command: `${node} -e '${PRINT_ARGS}' "a b" c 'd "e"'`, output: 'json' }));
    assert.deepEqual(output, { value: ['a b', 'c', 'd "e"'] });
  });

  it('fills ${inputs.x} holding spaces and ; into one argument and runs nothing else', async () => {
    const marker = join(dir, 'pwned');
    const input = { x: `a b; touch ${marker} && echo $(id)` };
    for (const command of [[node, '-e', PRINT_ARGS, '${inputs.x}', 'tail'], `${node} -e '${PRINT_ARGS}' \${inputs.x} tail`]) {
      const output = completed(await run({ command, output: 'json' }, { input }));
      assert.deepEqual(output, { value: [input.x, 'tail'] });
    }
    assert.equal(existsSync(marker), false);
  });

  it('fills placeholders from earlier steps and allow-listed env inside one word', async () => {
    const output = completed(await run(
      { command: [node, '-e', PRINT_ARGS, 'id=${steps.fetch.output.id}', '${env.FOO}'], env: ['FOO'], output: 'json' },
      { scope: { steps: [{ nodeId: 'fetch', outputs: { id: 42 } }] } },
    ));
    assert.deepEqual(output, { value: ['id=42', '[REDACTED]'] }, 'a value read through runtime.env is redacted from the output');
  });

  it('gives the child only PATH, HOME, LANG and the allow-listed names', async () => {
    const script = 'const e = process.env; console.log(JSON.stringify({ names: Object.keys(e).sort(), fooSeen: e.FOO === "foo-value", FOO: e.FOO, API_TOKEN: e.API_TOKEN }))';
    const output = completed(await run({ command: [node, '-e', script], env: ['FOO', 'API_TOKEN'], output: 'json' }, {
      secrets: fixedSecrets({ API_TOKEN: 'tok-123456' }),
    }));
    assert.deepEqual(output.names, ['API_TOKEN', 'FOO', 'HOME', 'LANG', 'PATH']);
    assert.equal(output.fooSeen, true, 'the child gets the value itself');
    assert.equal(output.FOO, '[REDACTED]', 'a value passed by runtime.env is redacted from captured output, whatever its name');
    assert.equal(output.API_TOKEN, '[REDACTED]', 'a secret passed by env is redacted from captured output');
  });

  it('refuses a placeholder inside an sh -c or node -e script with a terminal PLACEHOLDER_IN_SHELL_SCRIPT, running nothing', async () => {
    const marker = join(dir, 'injected');
    const input = { input: { x: `x; touch ${marker}` } };
    for (const command of [['/bin/sh', '-c', 'echo ${inputs.x}'], [node, '-e', 'console.log("${inputs.x}")'], 'bash -c "echo ${inputs.x}"']) {
      const error = failure(await run({ command }, input));
      assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'PLACEHOLDER_IN_SHELL_SCRIPT', retryable: false }, JSON.stringify(command));
      assert.match(error.message, /argument \d+ .*\$\{inputs\.x\}.*runtime\.shell: true/);
    }
    const fromStdin = failure(await run({ command: ['sh'], stdin: 'echo ${inputs.x}' }, input));
    assert.equal(fromStdin.code, 'PLACEHOLDER_IN_SHELL_SCRIPT');
    assert.equal(existsSync(marker), false, 'the injected command never ran');
    const asData = completed(await run({ command: ['/bin/sh', '-c', 'echo "$1"', 'sopflow-step', '${inputs.x}'] }, input));
    assert.equal(asData.stdout, `x; touch ${marker}\n`, 'a value passed as its own argv word stays data');
  });

  it('refuses ${env.NAME} that is not allow-listed and ${secrets.NAME} on the command line', async () => {
    const notListed = failure(await run({ command: ['/bin/echo', '${env.OTHER}'] }));
    assert.equal(notListed.code, 'TEMPLATE_ERROR');
    assert.doesNotMatch(notListed.message, /must-not-leak/);
    const secret = failure(await run({ command: ['/bin/echo', '${secrets.API_TOKEN}'] }, { secrets: fixedSecrets({ API_TOKEN: 'tok-123456' }) }));
    assert.equal(secret.code, 'TEMPLATE_ERROR');
    assert.match(secret.message, /runtime\.env/);
  });

  it('runs in runtime.cwd relative to the executor directory, and fails clearly when it is missing', async () => {
    mkdirSync(join(dir, 'work'), { recursive: true });
    const output = completed(await run({ command: [node, '-e', 'process.stdout.write(process.cwd())'], cwd: 'work' }));
    assert.equal(output.stdout, join(dir, 'work'));
    const missing = failure(await run({ command: ['/bin/echo'], cwd: 'nope' }));
    assert.equal(missing.code, 'CWD_NOT_FOUND');
  });

  it('turns exit code 3 into EXIT_3, retryable only when listed in retry_on_exit', async () => {
    const script = 'console.error("disk full for tok-123456"); process.exit(3)';
    const terminal = failure(await run({ command: [node, '-e', script] }, { secrets: fixedSecrets({ T: 'tok-123456' }) }));
    assert.deepEqual({ code: terminal.code, retryable: terminal.retryable }, { code: 'EXIT_3', retryable: false });
    assert.match(terminal.message, /exited with code 3: disk full for \[REDACTED\]/);
    const retryable = failure(await run({ command: [node, '-e', script], retry_on_exit: [3] }));
    assert.equal(retryable.retryable, true);
  });

  it('parses JSON output and fails with INVALID_OUTPUT when stdout is not JSON', async () => {
    assert.deepEqual(completed(await run({ command: [node, '-e', 'console.log(JSON.stringify({ok: true, n: 2}))'], output: 'json' })), { ok: true, n: 2 });
    const bad = failure(await run({ command: ['/bin/echo', 'not json'], output: 'json' }));
    assert.deepEqual({ code: bad.code, retryable: bad.retryable }, { code: 'INVALID_OUTPUT', retryable: false });
  });

  it('caps each stream and marks the truncation', async () => {
    const output = completed(await run({ command: [node, '-e', 'process.stdout.write("x".repeat(5000)); process.stderr.write("ok")'] }, {}, { maxOutputBytes: 1000 }));
    assert.equal(output.stdout_truncated, true);
    assert.equal(output.stderr, 'ok');
    assert.ok(String(output.stdout).startsWith('x'.repeat(1000) + '\n[truncated: 5000 bytes written, first 1000 kept]'));
  });

  it('on timeout kills the sleeping child and its grandchild (the whole process group)', async () => {
    const pidFile = join(dir, 'pids');
    const script = `
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, process.pid + ' ' + grandchild.pid + '\\n');
      setInterval(() => {}, 1000);`;
    const controller = new AbortController();
    const pending = run({ command: [node, '-e', script] }, { signal: controller.signal });
    const [childPid, grandchildPid] = (await waitForFile(pidFile)).trim().split(' ').map(Number);
    assert.equal(isGone(grandchildPid), false);
    controller.abort(new DOMException('step timeout', 'TimeoutError'));
    const error = failure(await pending);
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'TIMEOUT', retryable: true });
    assert.equal(await eventuallyGone(childPid), true);
    assert.equal(await eventuallyGone(grandchildPid), true);
  });

  it('ends at the engine\'s deadline (the request signal) and SIGKILLs a child that ignores SIGTERM', async () => {
    const result = await run({ command: [node, '-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'] }, { signal: AbortSignal.timeout(200) }, { killGraceMs: 50 });
    const error = failure(result);
    assert.equal(error.code, 'TIMEOUT');
    assert.equal(result.status === 'failed' ? result.toolCalls?.[0]?.status : undefined, 'TIMEOUT');
  });

  it('reports a cancelled run as CANCELLED, not retryable', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = failure(await run({ command: [node, '-e', 'setInterval(() => {}, 1000)'] }, { signal: controller.signal }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'CANCELLED', retryable: false });
  });

  it('runs through /bin/sh only with shell: true, passing values as positional parameters', async () => {
    const marker = join(dir, 'shell-pwned');
    const output = completed(await run(
      { command: 'printf "%s|" "${inputs.x}" | tr a-z A-Z; echo " $0"', shell: true },
      { input: { x: `hi; touch ${marker}` } },
    ));
    assert.equal(output.stdout, `HI; TOUCH ${marker.toUpperCase()}| sopflow-step\n`);
    assert.equal(existsSync(marker), false);
  });

  it('writes an interpolated runtime.stdin to the child and keeps $${ literal', async () => {
    const output = completed(await run(
      { command: [node, '-e', 'let t = ""; process.stdin.on("data", (c) => { t += c; }).on("end", () => console.log(JSON.stringify({ t, arg: process.argv[1] })))', '$${not.a.placeholder}'], stdin: 'ticket ${inputs.id}', output: 'json' },
      { input: { id: 7 } },
    ));
    assert.deepEqual(output, { t: 'ticket 7', arg: '${not.a.placeholder}' });
  });

  it('fails with COMMAND_NOT_FOUND for a missing program, INVALID_RUNTIME for a bad node', async () => {
    assert.equal(failure(await run({ command: ['/no/such/program'] })).code, 'COMMAND_NOT_FOUND');
    assert.equal(failure(await run({ command: [] })).code, 'INVALID_RUNTIME');
    assert.equal(failure(await run({ command: 'ls | wc -l' })).code, 'TEMPLATE_ERROR');
    assert.equal(failure(await run({ command: ['ls'], env: ['BAD NAME'] })).code, 'INVALID_RUNTIME');
  });

  it('records the command as a tool call, timed by the injected clock', async () => {
    let tick = 0;
    const now = (): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, (tick += 250)));
    const result = await run({ command: ['/bin/echo', 'hi'] }, {}, { now });
    assert.equal(result.status, 'completed');
    assert.deepEqual(result.status === 'completed' ? result.toolCalls : [], [{
      tool: 'cli',
      startedAt: '2026-01-01T00:00:00.250Z',
      endedAt: '2026-01-01T00:00:00.500Z',
      durationMs: 250,
      status: 'COMPLETED',
      input: { argv: ['/bin/echo', 'hi'], cwd: dir },
      output: { exit_code: 0 },
    }]);
  });
});
