import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflowSource, type RunEvent } from '@sopflow/engine';
import {
  addUser, completeTask, exitCodeOf, getRunLog, getRunStatus, listUsers, openWorkspace, removeUser, resolveActor, ServiceError, setUser, startRun,
  type Actor, type Workspace,
} from './index.js';

const RELEASE = parseWorkflowSource(`osop_version: "1.1"
id: release
name: Release a batch
nodes:
  - { id: pack, type: human, role: warehouse, name: Pack the batch }
  - { id: release, type: system, auth_level: supervisor, runtime: { action: noop } }
edges:
  - { from: pack, to: release }
`, 'release.osop');

/** A fresh SQLite store whose first user (ada, admin) is mapped to the OS user `ada-os`, plus wes (warehouse, operator) and sam (supervisor). */
async function setup(): Promise<{ ws: Workspace; as: (osUser: string) => Promise<Actor> }> {
  const ws = await openWorkspace({ db: join(mkdtempSync(join(tmpdir(), 'sopflow-service-id-')), 'state.db'), env: {} });
  const first = await addUser({ store: ws.store }, { name: 'ada', roles: ['lead'] }, 'ada-os');
  assert.deepEqual([first.first, first.admin, first.os_user], [true, true, 'ada-os']);
  const admin = await resolveActor(ws.store, 'ada-os');
  await addUser({ store: ws.store, actor: admin }, { name: 'wes', roles: ['warehouse'], level: 'operator' });
  await addUser({ store: ws.store, actor: admin }, { name: 'sam', roles: ['warehouse', 'release-manager'], level: 'supervisor', osUser: 'sam-os' });
  return { ws, as: (osUser) => resolveActor(ws.store, osUser) };
}

const refusal = (code: string) => (error: unknown) => error instanceof ServiceError && error.code === code;

describe('identity: the directory in the store decides who completes a task', () => {
  it('the first user becomes admin; afterwards only admins manage users; an unknown OS user is refused with what to do', async () => {
    const { ws, as } = await setup();
    const wes = await as('wes');
    assert.equal(wes.name, 'wes', 'a user without osUser is recognised by name');
    await assert.rejects(addUser({ store: ws.store, actor: wes }, { name: 'eve', roles: [] }), refusal('not_authorised'));
    await assert.rejects(setUser({ store: ws.store, actor: wes }, 'wes', { level: 'director' }), refusal('not_authorised'));
    await assert.rejects(as('mallory'), (error: unknown) => {
      assert.ok(error instanceof ServiceError && error.code === 'unauthenticated');
      assert.match(error.message, /OS user "mallory" is not a user .*`sopflow users add NAME --role ROLE --os-user mallory/);
      assert.equal(exitCodeOf(error.code), 1);
      return true;
    });
    const admin = await as('ada-os');
    await assert.rejects(removeUser({ store: ws.store, actor: admin }, 'ada'), refusal('conflict'), 'the only admin stays');
    assert.deepEqual((await listUsers({ store: ws.store })).users.map((u) => [u.name, u.admin]), [['ada', true], ['sam', false], ['wes', false]]);
    await ws.close();
  });

  it('refuses a user without the role (nothing stored), accepts the role holder, refuses a level below auth_level, and pins the directory version', async () => {
    const { ws, as } = await setup();
    const { id } = await startRun(ws, { source: RELEASE });
    const [pack] = (await getRunStatus(ws, id)).tasks;
    const before = (await ws.engine.getRun(id)).events.length;
    await assert.rejects(completeTask({ ...ws, actor: await as('ada-os') }, pack.id), (error: unknown) => {
      assert.ok(error instanceof ServiceError && error.code === 'not_authorised');
      assert.match(error.message, /needs the role warehouse; ada holds lead/);
      return true;
    });
    assert.equal((await ws.engine.getRun(id)).events.length, before, 'nothing recorded');
    const done = await completeTask({ ...ws, actor: await as('wes') }, pack.id);
    assert.deepEqual([done.by, done.entered_by], ['wes', null]);
    const [auth] = (await getRunStatus(ws, id)).tasks;
    assert.equal(auth.kind, 'auth');
    await assert.rejects(completeTask({ ...ws, actor: await as('wes') }, auth.id), refusal('auth_level_too_low'));
    await completeTask({ ...ws, actor: await as('sam-os') }, auth.id);
    const run = await ws.engine.getRun(id);
    assert.equal(run.summary.status, 'completed');
    const version = (await listUsers({ store: ws.store })).version;
    const decisions = run.events.filter((e): e is Extract<RunEvent, { type: 'TaskCompleted' }> => e.type === 'TaskCompleted');
    assert.deepEqual(decisions.map((e) => [e.by, e.directoryVersion, e.level ?? null]), [['wes', version, null], ['sam', version, 'supervisor']]);
    await ws.close();
  });

  it('on behalf of: refused for a non-admin, recorded as "entered by X for Y" for an admin (event, status, log)', async () => {
    const { ws, as } = await setup();
    const { id } = await startRun(ws, { source: RELEASE });
    const [pack] = (await getRunStatus(ws, id)).tasks;
    await assert.rejects(completeTask({ ...ws, actor: await as('sam-os') }, pack.id, { onBehalfOf: 'wes' }), refusal('not_authorised'));
    await assert.rejects(completeTask({ ...ws, actor: await as('ada-os') }, pack.id, { onBehalfOf: 'nobody' }), refusal('not_found'));
    const done = await completeTask({ ...ws, actor: await as('ada-os') }, pack.id, { onBehalfOf: 'wes' });
    assert.deepEqual([done.by, done.entered_by], ['wes', 'ada']);
    const status = await getRunStatus(ws, id);
    assert.deepEqual(status.entered, [{ task: pack.id, step: 'pack', by: 'wes', entered_by: 'ada' }]);
    assert.match(await getRunLog(ws, id), /by: wes[\s\S]*entered_by: ada/);
    await ws.close();
  });
});
