import type { Fixture } from '../../../server/src/test-support/server-fixture';

/** An .osop with a system step, a person's step (with an optional form and approval gate) and a closing system step. */
export function ticketSop(id: string, name: string, options: { approval?: boolean } = {}): string {
  return `osop_version: "1.0"
id: ${id}
name: ${name}
nodes:
  - { id: intake, type: system, name: Take the ticket, runtime: { action: noop } }
  - id: review
    type: human
    name: Review the ticket
    role: ops
${options.approval === true ? '    approval_gate: { required: true }\n' : ''}    form:
      type: object
      required: [ticket]
      properties:
        ticket: { type: string, title: Ticket number }
  - { id: close, type: system, name: Close the ticket, runtime: { action: noop } }
edges:
  - { from: intake, to: review, mode: sequential }
  - { from: review, to: close, mode: sequential }
`;
}

/** Creates an SOP (published unless `draft`) in tenant acme through the API; returns its id. */
export async function seedSop(fixture: Fixture, osop: string, options: { draft?: boolean; workstreamId?: string } = {}): Promise<string> {
  const created = await fixture.call(fixture.tokenA, 'POST', '/api/sops', { osop, ...(options.workstreamId === undefined ? {} : { workstreamId: options.workstreamId }) });
  if (created.status !== 201) throw new Error(`seed ${created.status}: ${JSON.stringify(created.json)}`);
  const id = created.json.sop.id as string;
  if (options.draft !== true) await fixture.call(fixture.tokenA, 'POST', `/api/sops/${id}/publish`);
  return id;
}
