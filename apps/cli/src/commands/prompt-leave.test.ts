import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSopflow, SOPFLOW_BIN } from '../test-support/run-sopflow.js';
import { ANSI, PTY_RELAY } from '../test-support/pty-relay.js';

const PACK = `osop_version: "1.1"
id: pack
name: Pack
nodes:
  - id: pack
    type: human
    role: warehouse
    form: { type: object, required: [bin], properties: { bin: { type: string } } }
`;

/** Runs `sopflow run` under a pseudo-terminal, waits for the first question, presses `key`, and returns the exit code and the screen. */
async function leavePrompt(key: string | undefined, firstUser = ['pat', '--role', 'warehouse']): Promise<{ code: number | null; screen: string; db: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-prompt-'));
  writeFileSync(join(dir, 'pack.osop'), PACK);
  const db = join(dir, 'state.db');
  const added = runSopflow(['users', 'add', ...firstUser, '--db', db], { cwd: dir });
  assert.equal(added.status, 0, added.stderr);
  const child = spawn('python3', ['-c', PTY_RELAY, process.execPath, SOPFLOW_BIN, 'run', 'pack.osop', '--db', db], {
    cwd: dir, env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let asked: () => void = () => undefined;
  const question = new Promise<void>((resolve) => { asked = resolve; });
  child.stdout.on('data', (chunk: Buffer) => { screen += chunk.toString('utf8').replace(ANSI, ''); if (/bin \(string\): /.test(screen)) asked(); });
  child.stderr.on('data', (chunk: Buffer) => { screen += chunk.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => { asked(); resolve(code); }));
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    await question;
    if (key !== undefined) child.stdin.write(key);
    const code = await exited;
    return { code, screen, db, dir };
  } finally {
    clearTimeout(guard);
    child.kill('SIGKILL');
  }
}

describe('leaving an inline prompt', () => {
  it('Ctrl-D stops asking at once, names the run and how to continue, exits 1, and leaves the task open', { timeout: 90_000 }, async () => {
    const { code, screen, db, dir } = await leavePrompt('\u0004');
    assert.equal(code, 1, screen);
    assert.doesNotMatch(screen, /try again/);
    const named = /input closed: run (r-[0-9a-f]+) is waiting; continue with `sopflow resume \1` once its tasks are answered/.exec(screen);
    assert.ok(named, screen);
    assert.match(screen, new RegExp(`task ${named[1]}-k1 \\(work\\) pack — \`sopflow task complete ${named[1]}-k1\``));
    assert.ok(screen.length < 2000, `the screen stays short:\n${screen}`);
    const tasks = JSON.parse(runSopflow(['tasks', '--json', '--db', db], { cwd: dir }).stdout) as { id: string }[];
    assert.deepEqual(tasks.map((t) => t.id), [`${named[1]}-k1`]);
  });

  it('Ctrl-C stops asking at once, names the run, and exits 130', { timeout: 90_000 }, async () => {
    const { code, screen } = await leavePrompt('\u0003');
    assert.equal(code, 130, screen);
    assert.doesNotMatch(screen, /try again/);
    assert.match(screen, /interrupted: run r-[0-9a-f]+ is waiting/);
  });

  it('an OS user outside the directory is told so; the run waits with its task named, and the exit is 1', { timeout: 90_000 }, async () => {
    const { code, screen } = await leavePrompt(undefined, ['pat', '--role', 'warehouse', '--os-user', 'someone-else']);
    assert.equal(code, 1, screen);
    assert.match(screen, /the OS user "[^"]+" is not a user of this store's directory/);
    assert.match(screen, /run (r-[0-9a-f]+) is waiting:\s+task \1-k1 \(work\) pack/);
    assert.doesNotMatch(screen, /bin \(string\): /, 'nobody is asked');
  });
});
