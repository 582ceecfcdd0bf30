import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const POLICY = [
  '# 4. Lost Laptop Policy', '',
  'This policy explains how Acme handles a lost or stolen company laptop.', '',
  '## 4.1 Applicable Standards', '', '* ISO 27001 A.8.1', '* SOC 2 CC6.1', '',
  '## 4.2 Acme Lost Laptop Policy', '',
  '1. Report: The employee shall report the loss to the service desk within 1 hour.',
  '2. Lock: The service desk shall lock the device remotely and revoke its certificates.',
  '3. Review: The security officer must review the access logs of the last week.',
  '4. Replacement: A replacement laptop shall be issued once the report is closed.', '',
  '## 4.3 Employee Responsibilities', '',
  '1. Police report: Employees are responsible for filing a police report for a theft.',
  '2. **Line manager**: approves the replacement.',
].join('\n');

describe('a policy whose procedure is a numbered list of labelled clauses', () => {
  it('finds the clauses in the section named after the policy, with the roles their clauses name', async () => {
    const r = await importDocument(new TextEncoder().encode(POLICY), 'lost-laptop.md');
    assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics));
    const [sop] = r.sops;
    assert.deepEqual(sop.steps.map((s) => s.title), ['Report', 'Lock', 'Review', 'Replacement']);
    assert.equal(sop.steps[1].role, 'service desk');
    assert.ok(sop.roles.includes('Employees'), sop.roles.join(', '));
    assert.ok(sop.roles.includes('Line manager'), sop.roles.join(', '));
    assert.ok(!sop.roles.includes('Police report'), sop.roles.join(', '));
  });

  it('leaves a list in a section named like a policy alone in a document that is not a policy', async () => {
    const r = await importDocument(new TextEncoder().encode([
      '# Visitor sign-in', '', '## Procedure', '', '1. Greet the visitor.', '2. Check their ID.', '3. Print a badge.', '',
      '## Badge Policy', '', '1. Badges: Staff shall wear badges at all times.', '2. Colours: Visitors must wear red badges.',
    ].join('\n')), 'visitors.md');
    assert.deepEqual(r.sops.map((s) => s.steps.length), [3]);
  });
});
