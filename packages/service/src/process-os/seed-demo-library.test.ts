import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapFirstTenant, debriefSop, getSopDelegation, getTenantRun, listSops, listTenantOpportunities, openWorkspace, seedDemoLibrary, verifyAudit, type Workspace } from '../index.js';
import { accountActor } from './authenticate.js';
import type { ProcessContext } from './tenant-actor.js';

const EXAMPLES = new URL('../../../../examples/', import.meta.url);
const NOW = new Date('2026-03-20T12:00:00Z');
const MINUTE = 60_000;

describe('the demo library (sopflow serve --demo)', () => {
  let dir: string;
  let ws: Workspace;
  let local: ProcessContext;
  let owner: ProcessContext;
  let seeded: Awaited<ReturnType<typeof seedDemoLibrary>>;
  const sopId = async (title: string) => (await listSops(owner, { q: title })).sops.find((s) => s.title === title)!.id;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-demo-seed-'));
    ws = await openWorkspace({ db: join(dir, 'state.db'), auditKeyFile: join(dir, 'audit.key'), env: {} });
    local = { store: ws.store, engine: ws.engine, localAdmin: 'test' };
    assert.ok(await bootstrapFirstTenant(local));
    seeded = await seedDemoLibrary(local, EXAMPLES, NOW);
    const tenantId = (await ws.store.processRecords!.tenants.list())[0]!.id;
    owner = { ...local, actor: await accountActor(ws.store, tenantId, 'owner@localhost', 'session') };
  });

  after(async () => {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the examples and six weeks of finished runs, and seeding twice changes nothing', async () => {
    assert.deepEqual(seeded && [seeded.workstreams, seeded.runs, seeded.trials], [2, 42, 28]);
    assert.equal(await seedDemoLibrary(local, EXAMPLES, NOW), undefined);
    assert.equal((await listSops(owner, { limit: 100 })).sops.length, seeded!.sops);
  });

  it('verifies the audit chain of every seeded run', async () => {
    const report = await verifyAudit(local);
    assert.equal(report.ok, true, JSON.stringify(report.breaks));
    assert.equal(report.runsChecked, 42);
  });

  it('debriefs the purchase requests: two denials as outcomes, two escalations, a timeout to update', async () => {
    const { report, runsRead } = await debriefSop(owner, await sopId('Purchase request'));
    assert.equal(runsRead, 14);
    assert.equal(report.outcomes.approvalDenied.length, 2, JSON.stringify(report.outcomes));
    assert.equal(report.classes.POTENTIAL_ERROR ?? 0, 0, JSON.stringify(report.classes));
    assert.equal(report.classes.ESCALATION, 2, JSON.stringify(report.classes));
    assert.deepEqual(report.updateCandidates.map((c) => c.change.op), ['set-timeout']);
  });

  it('debriefs the expense claims: the sign-off 1.1 dropped is an organisational nuance with a candidate to add it back', async () => {
    const { report } = await debriefSop(owner, await sopId('Expense claim'));
    assert.equal(report.classes.ORG_NUANCE, 12, JSON.stringify(report.classes));
    const candidate = report.updateCandidates.find((c) => c.change.op === 'add-step');
    assert.equal(candidate?.change.nodeId, 'head_sign_off');
    assert.equal(candidate?.status, 'pending');
  });

  it('gives the trialled review a positive expected value from minutes of recorded work, in the delegation tab and the portfolio alike', async () => {
    const expense = await sopId('Expense claim');
    const delegation = await getSopDelegation(owner, expense);
    const review = delegation.portfolio.items.find((i) => i.nodeId === 'review')!;
    const hours = review.assumptions.stepHours!;
    assert.equal(hours.source, 'measured');
    assert.ok(hours.value * 60 >= 6 && hours.value * 60 <= 38, `review takes ${hours.value * 60} minutes`);
    assert.match(review.assumptions.automationShare!.note, /26\/28 shadow trials agreed/);
    assert.ok(review.monthlyValue! > 0, `expected value ${review.monthlyValue}`);
    const portfolio = await listTenantOpportunities(owner);
    const ranked = portfolio.items.find((i) => i.sopId === expense && i.nodeId === 'review')!;
    assert.equal(ranked.monthlyValue, review.monthlyValue);
    assert.equal(portfolio.totalValue, review.monthlyValue);
  });

  it('records people minutes to hours and the receipt scanner seconds, and a failed check goes to the employee to rework', async () => {
    const page = await ws.store.processRecords!.runs.list(owner.actor!.tenantId, { sopId: await sopId('Expense claim'), limit: 100 });
    const runs = await Promise.all(page.map((r) => getTenantRun(owner, r.runId)));
    const took = (step: { startedAt: string | null; endedAt: string | null }) => Date.parse(step.endedAt!) - Date.parse(step.startedAt!);
    const reviews = runs.map((r) => took(r.steps.find((s) => s.id === 'review')!));
    assert.ok(reviews.every((ms) => ms >= 6 * MINUTE && ms <= 38 * MINUTE), JSON.stringify(reviews));
    const scans = runs.map((r) => took(r.steps.find((s) => s.id === 'check_receipt')!));
    assert.ok(scans.every((ms) => ms >= 2000 && ms <= 40_000), JSON.stringify(scans));
    const reworked = runs.filter((r) => r.steps.find((s) => s.id === 'fix_claim')?.performedBy?.endsWith('@example.com'));
    assert.equal(reworked.length, 2);
    assert.ok(runs.every((r) => r.status === 'completed' && Date.parse(r.steps.at(-1)!.endedAt!) < NOW.getTime()));
  });
});
