import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importDocument } from '../index.js';
import { addressedRoles, rolesInText } from './roles.js';

const md = (text: string) => importDocument(new TextEncoder().encode(text), 'doc.md');
const lower = (roles: string[]) => roles.map((r) => r.toLowerCase());

describe('roles written as phrasings', () => {
  it('reads "as X it is your responsibility" and "as a X you" as the acting role', () => {
    assert.deepEqual(lower(rolesInText('As **site coordinator** it is your responsibility to book the rooms.')), ['site coordinator']);
    assert.deepEqual(lower(rolesInText('As a shift planner you fill the rota every Friday.')), ['shift planner']);
  });

  it('reads the role an instruction contacts, pings or lets know', () => {
    assert.deepEqual(lower(addressedRoles('Contact your facilities manager to order the keys.')), ['facilities manager']);
    assert.deepEqual(lower(addressedRoles('Ping the duty officer and wait for an answer.')), ['duty officer']);
    assert.deepEqual(addressedRoles('Ask them to sign the form.'), []);
  });

  it('names MyST role references by their text and lists them as roles of the document', async () => {
    const result = await md('# Room booking\n\n1. Ask the {ref}`role_site_coordinator` for a slot.\n2. Send the {ref}`booking form <forms_booking>` to the {ref}`role_catering_lead`.\n');
    assert.equal(result.sops.length, 1);
    assert.match(result.sops[0].steps[1].title, /booking form to the catering lead/);
    assert.ok(lower(result.sops[0].roles).includes('site coordinator'), JSON.stringify(result.sops[0].roles));
    assert.ok(lower(result.sops[0].roles).includes('catering lead'), JSON.stringify(result.sops[0].roles));
  });

  it('takes the role columns of a RACI matrix as roles', async () => {
    const result = await md('# Menu change\n\n1. Draft the new menu.\n2. Approve the menu.\n\n## RACI\n\n| Activity | Head Chef | Kitchen Porter | Owner |\n|---|---|---|---|\n| Draft | R | I | A |\n| Approve | C | | R/A |\n');
    const roles = lower(result.sops[0].roles);
    for (const r of ['head chef', 'kitchen porter', 'owner']) assert.ok(roles.includes(r), JSON.stringify(roles));
  });
});
