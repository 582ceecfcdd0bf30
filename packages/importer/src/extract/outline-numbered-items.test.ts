import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('outline-numbered paragraphs under section headings', () => {
  it('reads "2.1 …" paragraphs as the steps and the headings as groups, jumps resolved by number', async () => {
    const md = [
      '# Key handover', '',
      '## 1. Before the visit', '',
      '1.1 The facilities coordinator books the key cabinet slot.', '',
      '1.2 The facilities coordinator emails the contractor the access code.', '',
      '## 2. On site', '',
      '2.1 The contractor signs the key register.', '',
      '2.2 If the register is full, proceed with section 3.1.', '',
      '## 3. Afterwards', '',
      '3.1 The facilities coordinator archives the register page.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'keys.md');
    assert.equal(r.sops.length, 1);
    const steps = r.sops[0].steps;
    assert.deepEqual(steps.map((s) => s.label), ['1.1', '1.2', '2.1', '2.2', '3.1']);
    assert.match(steps[0].title, /books the key cabinet slot/);
    assert.equal(steps[0].role, 'facilities coordinator');
    assert.deepEqual(steps[3].decisions, [{ when: 'the register is full', goto: 5 }]);
  });

  it('keeps a decimal quantity at the start of a paragraph as text', async () => {
    const md = ['# Dilution', '', '## Procedure', '', '1. Pipette the buffer into the tube.', '2. Add the sample.', '', '2.5 mL is the maximum volume.'].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'dilution.md');
    assert.equal(r.sops[0].steps.length, 2);
  });
});
