import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serviceCall } from '../as-service-error.js';
import { accountActor } from './authenticate.js';
import { createSop } from './create-sop.js';
import { createWorkstream } from './create-workstream.js';
import { findTenant } from './create-tenant.js';
import { publishSop } from './publish-sop.js';
import { seedDemoHistory } from './seed-demo-history.js';
import { recordsOf, type ProcessContext } from './tenant-actor.js';

const PEOPLE = new Set(['employee-onboarding', 'clinical-triage']);
const DRAFT = 'coding-agent-task';

/**
 * Seeds the default tenant's empty library for `sopflow serve --demo`: every example .osop as an
 * SOP in two workstreams (Operations; People & care), all active but one draft, and two SOPs with
 * six weeks of finished runs (seedDemoHistory) so that the debrief, the diff, delegation and the
 * portfolio show something real. Undefined when the library already holds SOPs (seeding twice
 * changes nothing). `now` is the end of the history (default: the present).
 */
export async function seedDemoLibrary(ctx: ProcessContext, examplesDir: URL, now: Date = new Date()): Promise<{ sops: number; workstreams: number; runs: number; trials: number } | undefined> {
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
  const history = await seedDemoHistory(as, tenant, operations.id, now);
  return { sops: sops + history.sops, workstreams: 2, runs: history.runs, trials: history.trials };
}
