import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareOutputs, textSimilarity } from '../index.js';

describe('compareOutputs', () => {
  it('compares enums and booleans exactly', () => {
    assert.equal(compareOutputs({ route: 'manual', urgent: true }, { route: 'manual', urgent: true }).agreed, true);
    const r = compareOutputs({ route: 'manual', urgent: true }, { route: 'auto', urgent: true });
    assert.equal(r.agreed, false);
    assert.deepEqual(r.fields.map((f) => [f.field, f.measure, f.agreed]), [['route', 'exact', false], ['urgent', 'exact', true]]);
  });

  it('compares numbers within the stated tolerance (default 1 % of the person’s value) and says so', () => {
    assert.equal(compareOutputs({ amount: 200 }, { amount: 201.5 }).agreed, true);
    const off = compareOutputs({ amount: 200 }, { amount: 203 });
    assert.equal(off.agreed, false);
    assert.match(off.fields[0].detail, /difference 3, tolerance 2/);
    assert.equal(compareOutputs({ amount: 200 }, { amount: 203 }, { numberAbsolute: 5 }).agreed, true);
    assert.equal(compareOutputs({ score: 0 }, { score: 0.001 }).agreed, false, 'a zero allows no difference unless an absolute tolerance is stated');
  });

  it('compares objects field by field, and a missing field disagrees', () => {
    const person = { address: { city: 'Lyon', zip: '69001' }, ok: true };
    assert.equal(compareOutputs(person, { address: { city: 'Lyon', zip: '69001' }, ok: true, extra: 1 }).agreed, true);
    const r = compareOutputs(person, { address: { city: 'Lyon' }, ok: true });
    assert.deepEqual(r.fields.filter((f) => !f.agreed).map((f) => [f.field, f.measure]), [['address.zip', 'missing']]);
  });

  it('compares free text by word similarity against a threshold', () => {
    const person = { note: 'Refund approved, the parcel never arrived.' };
    assert.equal(compareOutputs(person, { note: 'refund approved: the parcel never arrived' }).agreed, true);
    assert.equal(compareOutputs(person, { note: 'Refund refused, customer abroad.' }).agreed, false);
    assert.equal(compareOutputs({ note: 'a b c d' }, { note: 'a b c x' }, { textSimilarity: 0.7 }).agreed, true);
  });

  it('takes the measure from the step’s form: an enum string with spaces is still exact', () => {
    const form = { properties: { verdict: { type: 'string', enum: ['send back', 'accept'] } } };
    const r = compareOutputs({ verdict: 'send back' }, { verdict: 'back send' }, { form });
    assert.deepEqual([r.agreed, r.fields[0].measure], [false, 'exact']);
  });

  it('disagrees when the agent gave nothing', () => {
    assert.equal(compareOutputs({ a: 1 }, undefined).agreed, false);
  });
});

describe('textSimilarity', () => {
  it('is 1 for the same words and 0 for none in common', () => {
    assert.equal(textSimilarity('Hello, World', 'world hello'), 1);
    assert.equal(textSimilarity('alpha', 'beta'), 0);
  });
});
