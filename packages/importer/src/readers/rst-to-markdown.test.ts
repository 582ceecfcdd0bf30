import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const rst = [
  ':Author: Pool maintenance lead', '',
  '=====================', 'Pool water treatment', '=====================', '',
  'Purpose', '=======', '', 'Keeps the public pool safe to swim in.', '',
  'Procedure', '=========', '',
  '.. note::', '   Wear gloves and goggles for every step.', '',
  '#. Close the pool to swimmers.',
  '#. Test the chlorine level with the photometer::', '', '      photometer --mode free-chlorine', '',
  '#. If the level is below 1 ppm, add the dosing granules.',
  '#. Record the reading in the log book.',
].join('\n');

describe('reStructuredText read structurally', () => {
  it('reads section underlines, "#." enumerations, a literal block inside an item and a note directive', async () => {
    const r = await importDocument(new TextEncoder().encode(rst), 'pool.rst');
    assert.equal(r.format, 'text');
    assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics));
    const sop = r.sops[0];
    assert.equal(sop.title, 'Pool water treatment');
    assert.deepEqual(sop.steps.map((s) => s.title), ['Close the pool to swimmers', 'Test the chlorine level with the photometer', 'If the level is below 1 ppm, add the dosing granules', 'Record the reading in the log book']);
    assert.match(sop.steps[1].description, /photometer --mode free-chlorine/);
    assert.deepEqual(sop.steps[2].conditionalActions, [{ when: 'the level is below 1 ppm', action: 'Add the dosing granules' }]);
    assert.ok(sop.notes.some((n) => /author: Pool maintenance lead/.test(n)), sop.notes.join(' | '));
    assert.equal(sop.roles.length, 0);
  });
});
