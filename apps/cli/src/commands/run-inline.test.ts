import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSI, PTY_RELAY } from '../test-support/pty-relay.js';
import { runSopflow, SOPFLOW_BIN } from '../test-support/run-sopflow.js';

const PACK = `osop_version: "1.1"
id: pack
name: Pack and release
nodes:
  - id: pack
    type: human
    role: warehouse
    form: { type: object, required: [bin, boxes], properties: { bin: { type: string }, boxes: { type: integer } } }
  - { id: release, type: system, approval_gate: { required: true, approver_role: manager }, runtime: { action: noop } }
edges:
  - { from: pack, to: release }
`;

describe('sopflow run in a terminal', () => {
  it('asks the form and the approval inline, finishes the run and records who answered', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-inline-'));
    writeFileSync(join(dir, 'pack.osop'), PACK);
    const db = join(dir, 'state.db');
    // pat is this OS user's directory user, holding both roles the process needs.
    assert.equal(runSopflow(['users', 'add', 'pat', '--role', 'warehouse', '--role', 'manager', '--db', db], { cwd: dir }).status, 0);
    const child = spawn('python3', ['-c', PTY_RELAY, process.execPath, SOPFLOW_BIN, 'run', 'pack.osop', '--db', db], {
      cwd: dir, env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let seen = 0;
    const waiters: (() => void)[] = [];
    child.stdout.on('data', (chunk: Buffer) => { screen += chunk.toString('utf8').replace(ANSI, ''); for (const w of waiters.splice(0)) w(); });
    child.stderr.on('data', (chunk: Buffer) => { screen += chunk.toString('utf8'); });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => { for (const w of waiters.splice(0)) w(); resolve(code); }));
    const guard = setTimeout(() => child.kill('SIGKILL'), 80_000);
    /** Waits for text the terminal has not shown yet, then types an answer. */
    async function answer(prompt: RegExp, keys: string): Promise<void> {
      for (;;) {
        const match = prompt.exec(screen.slice(seen));
        if (match !== null) {
          seen += match.index + match[0].length;
          child.stdin.write(`${keys}\r`);
          return;
        }
        if (child.exitCode !== null) assert.fail(`sopflow exited before asking ${prompt}:\n${screen}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    }
    try {
      await answer(/bin \(string\): /, 'B-12');
      await answer(/boxes \(integer\): /, '3');
      await answer(/approve\? \[y\/n\] /, 'y');
      child.stdin.end();
      assert.equal(await exited, 0, screen);
    } finally {
      clearTimeout(guard);
      child.kill('SIGKILL');
    }
    assert.match(screen, /Pack and release/);
    const runs = JSON.parse(runSopflow(['runs', '--json', '--db', db], { cwd: dir }).stdout) as { id: string; status: string }[];
    assert.deepEqual(runs.map((r) => r.status), ['completed'], screen);
    const log = runSopflow(['log', runs[0].id, '--db', db, '-o', join(dir, 'run.json')], { cwd: dir });
    assert.equal(log.status, 0, log.stderr);
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { node_records: { node_id: string; human_decisions?: { by: string; decision: string }[]; outputs?: unknown }[] };
    const byNode = Object.fromEntries(record.node_records.map((r) => [r.node_id, r.human_decisions?.map((d) => [d.by, d.decision])]));
    assert.deepEqual(byNode.pack, [['pat', 'done']]);
    assert.deepEqual(byNode.release, [['pat', 'approved']]);
    const pack = record.node_records.find((r) => r.node_id === 'pack');
    assert.deepEqual(pack?.outputs, { bin: 'B-12', boxes: 3 }, 'the typed answers, numbers converted');
  });
});
