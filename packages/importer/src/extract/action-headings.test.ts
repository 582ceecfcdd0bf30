import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import { sectionKind } from './sections.js';

describe('step headings whose nouns name a non-step section', () => {
  it('reads an action heading as a step, a bare noun heading as before', () => {
    assert.equal(sectionKind('Sample the goods'), 'general');
    assert.equal(sectionKind('Assign the roles'), 'general');
    assert.equal(sectionKind('Update the references'), 'general');
    assert.equal(sectionKind('Samples'), 'examples');
    assert.equal(sectionKind('Document history'), 'history');
    assert.equal(sectionKind('Roles and responsibilities'), 'roles');
  });

  it('keeps "Step 3 – Sample the goods" among the steps and resolves jumps past it', async () => {
    const md = [
      '# Goods-in', '', '## Procedure', '',
      '### Step 1 – Receive the delivery', 'If the note is missing, proceed to Step 4 (Reject).', '',
      '### Step 2 – Sample the goods', 'The inspector takes two samples.', '',
      '### Step 3 – Release the goods', 'The inspector releases the goods.', '',
      '### Step 4 – Reject the delivery', 'The receiver rejects the delivery.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'goods.md');
    const steps = r.sops[0].steps;
    assert.deepEqual(steps.map((s) => s.title), ['Receive the delivery', 'Sample the goods', 'Release the goods', 'Reject the delivery']);
    assert.deepEqual(steps[0].decisions, [{ when: 'the note is missing', goto: 4 }]);
  });
});
