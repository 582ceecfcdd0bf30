import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { successesNeeded, wilsonInterval } from '../index.js';

describe('wilsonInterval', () => {
  it('gives the textbook 95 % interval for 8 of 10 (0.490–0.943)', () => {
    const w = wilsonInterval(8, 10);
    assert.equal(w.rate, 0.8);
    assert.equal(w.lower.toFixed(4), '0.4902');
    assert.equal(w.upper.toFixed(4), '0.9433');
  });

  it('keeps 30 agreeing trials out of 30 below a 0.90 bound (lower 0.886)', () => {
    assert.equal(wilsonInterval(30, 30).lower.toFixed(3), '0.886');
    assert.equal(wilsonInterval(30, 30).upper, 1);
  });

  it('knows nothing without trials: [0, 1]', () => {
    assert.deepEqual([wilsonInterval(0, 0).lower, wilsonInterval(0, 0).upper], [0, 1]);
  });
});

describe('successesNeeded', () => {
  it('counts the agreeing trials in a row that reach both the minimum and the bound', () => {
    assert.equal(successesNeeded(0, 0, 0.9, 30), 35);
    assert.equal(successesNeeded(18, 18, 0.9, 30), 17);
    assert.equal(successesNeeded(29, 30, 0.9, 30), 23);
    const k = successesNeeded(29, 30, 0.9, 30)!;
    assert.ok(wilsonInterval(29 + k, 30 + k).lower >= 0.9);
    assert.ok(wilsonInterval(29 + k - 1, 30 + k - 1).lower < 0.9);
  });

  it('is 0 once the bound is reached and undefined when no number of successes can reach it', () => {
    assert.equal(successesNeeded(100, 100, 0.9, 30), 0);
    assert.equal(successesNeeded(10, 10, 1, 30), undefined);
  });
});
