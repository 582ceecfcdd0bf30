import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { looksLikeHeading } from './lines-to-blocks.js';

describe('looksLikeHeading on numbered PDF lines', () => {
  it('reads a short numbered title as a heading', () => {
    assert.equal(looksLikeHeading('2.1 Daily check', 'Check the gauges before the shift.'), 2);
    assert.equal(looksLikeHeading('3. Disposal of waste', 'Waste is sorted into three bins.'), 1);
  });

  it('reads a numbered sentence wrapped onto the next line as an item, not a heading', () => {
    assert.equal(looksLikeHeading('2. The Line Inspector records the defect in the', 'MES with photos.'), undefined);
    assert.equal(looksLikeHeading('4. The Nurse checks the wristband against', 'the prescription chart.'), undefined);
  });
});
