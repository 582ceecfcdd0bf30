import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { validateSource } from '@sopflow/format';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const ORDER = `osop_version: "1.1"
id: order
name: Order with approval
nodes:
  - { id: receive, type: system, runtime: { action: noop } }
  - { id: approve, type: cli, approval_gate: { required: true, approver_role: manager }, runtime: { command: ["node", "-e", "0"] } }
  - id: pack
    type: human
    role: warehouse
    form: { type: object, required: [bin], properties: { bin: { type: string } } }
  - { id: paid, type: system }
  - { id: ship, type: system, runtime: { action: noop } }
edges:
  - { from: receive, to: approve }
  - { from: approve, to: pack }
  - { from: pack, to: paid, mode: signal, signal: payment }
  - { from: paid, to: ship }
`;

function setup(): { dir: string; db: string; file: string; run: (args: string[]) => ReturnType<typeof runSopflow> } {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-run-'));
  const file = join(dir, 'order.osop');
  writeFileSync(file, ORDER);
  const db = join(dir, 'state.db');
  return { dir, db, file, run: (args) => runSopflow([...args, '--db', db], { cwd: dir }) };
}

describe('sopflow run and the run commands', () => {
  it('runs a process through approval, a form task and a signal, with the JSON contract and exit codes', () => {
    const { run, file, dir } = setup();
    const detached = run(['run', file, '--detach', '--json']);
    assert.equal(detached.status, 0, detached.stderr);
    const { id } = JSON.parse(detached.stdout) as { id: string; status: string };
    assert.equal(run(['users', 'add', 'mia', '--role', 'manager', '--role', 'warehouse']).status, 0);
    assert.equal(run(['worker', '--until-idle']).status, 0);
    const runs = JSON.parse(run(['runs', '--json']).stdout) as { id: string; workflow: string; status: string; started_at: string; ended_at: string | null }[];
    assert.deepEqual(runs.map((r) => [r.id, r.workflow, r.status, r.ended_at]), [[id, 'order', 'waiting', null]]);
    assert.match(run(['runs']).stdout, /waiting +order .* waiting for task \S+ \(approval: /);
    let tasks = JSON.parse(run(['tasks', '--json']).stdout) as { id: string; run: string; step: string; kind: string; reason: string | null }[];
    assert.deepEqual(tasks.map((t) => [t.run, t.step, t.kind]), [[id, 'approve', 'approval']]);
    assert.equal(run(['deny', tasks[0].id]).status, 2, 'deny without --reason is a usage error');
    assert.equal(run(['approve', tasks[0].id]).status, 0);
    tasks = JSON.parse(run(['tasks', '--role', 'warehouse', '--json']).stdout);
    assert.deepEqual(tasks.map((t) => [t.step, t.kind]), [['pack', 'work']]);
    const bad = run(['task', 'complete', tasks[0].id, '--data', '{"bin": 7}']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /does not match the form/);
    assert.ok(!hasStackTrace(bad.stderr));
    assert.equal(run(['task', 'complete', tasks[0].id, '--data', 'not json']).status, 2);
    assert.equal(run(['task', 'complete', tasks[0].id, '--data', '{"bin":"A7"}']).status, 0);
    const twice = run(['task', 'complete', tasks[0].id, '--data', '{"bin":"A7"}']);
    assert.equal(twice.status, 1);
    assert.match(twice.stderr, /already completed \(by mia\)/);
    const status = JSON.parse(run(['status', id, '--json']).stdout) as { status: string; steps: { id: string; state: string; attempts: number }[] };
    assert.equal(status.status, 'waiting');
    assert.deepEqual(status.steps.map((s) => [s.id, s.state]), [['receive', 'done'], ['approve', 'done'], ['pack', 'done'], ['paid', 'now'], ['ship', 'todo']]);
    assert.match(run(['status', id]).stdout, /now     paid  waiting \(signal payment\)/);
    const typo = run(['signal', id, 'paymnet']);
    assert.equal(typo.status, 1, 'a signal no step waits for is refused');
    assert.match(typo.stderr, /no step waiting for signal "paymnet"; it waits for "payment" \(no_waiter\)/);
    assert.equal(run(['signal', id, 'payment', '--data', '{"amount": 12}']).status, 0);
    assert.equal(JSON.parse(run(['status', id, '--json']).stdout).status, 'completed');
    assert.equal(run(['signal', id, 'payment']).status, 1, 'a signal to a finished run is refused');
    assert.equal(run(['status', 'r-missing']).status, 1);
    const log = run(['log', id, '-o', join(dir, 'order.osoplog')]);
    assert.equal(log.status, 0, log.stderr);
    const report = validateSource(readFileSync(join(dir, 'order.osoplog'), 'utf8'), 'order.osoplog');
    assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), []);
    // OSOP's own (strict) log schema accepts it too: timestamps are written quoted.
    const strict = validateSource(readFileSync(join(dir, 'order.osoplog'), 'utf8'), 'order.osoplog', { compat: 'full' });
    assert.deepEqual(strict.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(run(['audit', 'verify']).status, 0);
  });

  it('audit verify exits 1 and names the first changed event; a corrupt database is a clear error', () => {
    const { run, file, db, dir } = setup();
    assert.equal(run(['run', file]).status, 0);
    const raw = new Database(db);
    raw.prepare("UPDATE events SET data = replace(data, 'receive', 'forged') WHERE seq = 2").run();
    raw.close();
    const verify = run(['audit', 'verify']);
    assert.equal(verify.status, 1);
    assert.match(verify.stdout, /BROKEN run r-\w+ at event 2 \(changed\)/);
    const corrupt = join(dir, 'corrupt.db');
    writeFileSync(corrupt, 'garbage '.repeat(1000));
    const opened = runSopflow(['runs', '--db', corrupt], { cwd: dir });
    assert.equal(opened.status, 1);
    assert.match(opened.stderr, /not a usable sopflow database/);
    assert.equal(readFileSync(corrupt, 'utf8'), 'garbage '.repeat(1000));
  });

  it('demo registers the OS user in a fresh store, runs end to end without a terminal and says it answered the human step itself', () => {
    const demo = runSopflow(['demo']);
    assert.equal(demo.status, 0, demo.stderr);
    const me = userInfo().username;
    assert.ok(demo.stdout.includes(`registered you (OS user ${me}) in this store's directory as its admin, with the role manager`), demo.stdout);
    assert.ok(demo.stdout.includes(`completing "Manager approves the claim" automatically as ${me}`), demo.stdout);
    assert.match(demo.stdout, /run r-\w+ completed/);
    assert.match(demo.stdout, /audit chain intact/);
  });
});
