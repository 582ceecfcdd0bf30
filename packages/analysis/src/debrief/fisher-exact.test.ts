import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fisherExactTwoSided } from '../index.js';

const close = (actual: number, expected: number, digits = 6): void => {
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ${expected}`);
};

describe('fisherExactTwoSided (values from R fisher.test)', () => {
  it("Fisher's tea tasting [[3,1],[1,3]] gives 0.4857143", () => close(fisherExactTwoSided(3, 1, 1, 3), 0.4857143));
  it('[[1,9],[11,3]] gives 0.002759', () => close(fisherExactTwoSided(1, 9, 11, 3), 0.002759, 5));
  it('[[10,0],[0,10]] gives 2/184756', () => close(fisherExactTwoSided(10, 0, 0, 10), 2 / 184756, 10));
  it('[[2,7],[8,2]] gives 0.02301', () => close(fisherExactTwoSided(2, 7, 8, 2), 0.02301, 5));
  it('a table with no association gives 1', () => assert.equal(fisherExactTwoSided(5, 5, 5, 5), 1));
  it('an empty table gives 1', () => assert.equal(fisherExactTwoSided(0, 0, 0, 0), 1));
  it('large counts do not overflow', () => {
    const p = fisherExactTwoSided(500, 500, 400, 600);
    assert.ok(p > 0 && p < 0.0001, String(p));
  });
  it('refuses negative or fractional counts', () => assert.throws(() => fisherExactTwoSided(-1, 2, 3, 4), RangeError));
});
