import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serviceCall } from '../as-service-error.js';
import { accountActor } from './authenticate.js';
import { createSop } from './create-sop.js';
import { createWorkstream } from './create-workstream.js';
import { findTenant } from './create-tenant.js';
import { publishSop } from './publish-sop.js';
import { runSop } from './run-sop.js';
import { completeTenantTask, listTenantTasks } from './tenant-tasks.js';
import { recordsOf, type ProcessContext } from './tenant-actor.js';

const PEOPLE = new Set(['employee-onboarding', 'clinical-triage']);
const DRAFT = 'coding-agent-task';

/** A small SOP whose runs finish with one person's decision: the demo's run history. */
const PURCHASE_REQUEST = `osop_version: "1.0"
id: purchase-request
name: Purchase request
description: A request is logged, a budget holder approves or denies it, and it is closed.
nodes:
  - { id: log_request, type: system, name: Log the request, runtime: { action: noop } }
  - { id: approve, type: human, name: Budget holder decides, approval_gate: { required: true } }
  - { id: close, type: system, name: Close the request, runtime: { action: noop } }
edges:
  - { from: log_request, to: approve, mode: sequential }
  - { from: approve, to: close, mode: sequential }
`;

/**
 * Seeds the default tenant's empty library for `sopflow serve --demo`: every example .osop as an
 * SOP in two workstreams (Operations; People & care), all active but one draft, and a purchase
 * request SOP with three finished runs (two approved, one denied). Undefined when the library
 * already holds SOPs (seeding twice changes nothing).
 */
export async function seedDemoLibrary(ctx: ProcessContext, examplesDir: URL): Promise<{ sops: number; workstreams: number; runs: number } | undefined> {
  const tenant = await findTenant(ctx, 'default');
  const records = recordsOf(ctx.store);
  if ((await serviceCall(() => records.sops.list(tenant.id, { limit: 1 }))).length > 0) return undefined;
  const owner = (await serviceCall(() => records.tenants.list())).length === 0 ? undefined : await serviceCall(() => records.accounts.findAccount(tenant.id, 'owner@localhost'));
  if (owner === undefined) return undefined;
  const as: ProcessContext = { ...ctx, actor: await accountActor(ctx.store, tenant.id, owner.userName, 'session') };
  const operations = await createWorkstream(as, { name: 'Operations' });
  const people = await createWorkstream(as, { name: 'People & care' });
  const dir = fileURLToPath(examplesDir);
  let sops = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.osop')).sort()) {
    const id = file.replace(/\.osop$/, '');
    const sop = await createSop(as, { osop: readFileSync(`${dir}${file}`, 'utf8'), workstreamId: PEOPLE.has(id) ? people.id : operations.id });
    if (id !== DRAFT) await publishSop(as, sop.id);
    sops += 1;
  }
  const purchase = await createSop(as, { osop: PURCHASE_REQUEST, workstreamId: operations.id });
  await publishSop(as, purchase.id);
  const decisions = ['approved', 'denied', 'approved'] as const;
  for (const decision of decisions) {
    const run = await runSop(as, purchase.id, { inline: true });
    const task = (await listTenantTasks(as)).find((t) => t.runId === run.runId);
    if (task !== undefined) {
      // The budget holder's decision is an approval: a denial is an outcome of the run, not a failure to do the step.
      await completeTenantTask(as, task.id, decision === 'denied' ? { decision: 'denied', reason: 'over budget this quarter' } : { decision: 'approved' });
    }
  }
  return { sops: sops + 1, workstreams: 2, runs: decisions.length };
}
