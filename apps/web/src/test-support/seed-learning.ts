import type { InProcessServer } from './in-process-server';
import { seedRun } from './seed-runs';
import { seedSop } from './seed-sops';

/** An expense check: intake, (in v1 only) a double check, a person's review by role `ops`, close. */
export function expenseSop(options: { doubleCheck: boolean; delegation?: string }): string {
  return `osop_version: "1.0"
id: expense-check
name: Expense check
version: ${options.doubleCheck ? '1.0.0' : '1.1.0'}
nodes:
  - { id: intake, type: system, name: Take the claim, runtime: { action: noop } }
${options.doubleCheck ? '  - { id: double_check, type: system, name: Double-check the receipt, runtime: { action: noop } }\n' : ''}  - id: review
    type: human
    name: Review the claim
    role: ops
${options.delegation === undefined ? '' : `    delegation_state: ${options.delegation}\n`}    form:
      type: object
      required: [ticket]
      properties:
        ticket: { type: string, title: Claim number }
  - { id: close, type: system, name: Close the claim, runtime: { action: noop } }
edges:
${options.doubleCheck ? '  - { from: intake, to: double_check, mode: sequential }\n  - { from: double_check, to: review, mode: sequential }\n' : '  - { from: intake, to: review, mode: sequential }\n'}  - { from: review, to: close, mode: sequential }
`;
}

/**
 * An SOP whose practice has moved on from its process: three runs finished on v1 (with a double
 * check), then v1.1 published without it. Its debrief against v1.1 shows the double check inserted
 * in every run (an organisational nuance) and an update candidate to add it back; its review step
 * is a delegation opportunity. Returns the SOP id.
 */
export async function seedLearningSop(server: InProcessServer, runs = 3): Promise<string> {
  const sopId = await seedSop(server.fixture, expenseSop({ doubleCheck: true }));
  for (let i = 0; i < runs; i++) await seedRun(server, sopId, { finish: true });
  const { version } = await server.client.post<{ version: { id: string } }>(`/api/sops/${sopId}/versions`, {});
  await server.client.put(`/api/sops/${sopId}/versions/${version.id}`, { osop: expenseSop({ doubleCheck: false }) });
  await server.client.post(`/api/sops/${sopId}/versions/${version.id}/publish`);
  return sopId;
}
