import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import { sectionKind } from './sections.js';

describe('headings starting with "Sample"', () => {
  it('are examples only when they offer a specimen text, not when a lab works on its samples', () => {
    for (const t of ['Sample', 'Samples', 'Sample letter to customers in case of breach', 'Sample of a completed form', 'Sample status e-mail', 'Sample press release'])
      assert.equal(sectionKind(t), 'examples', t);
    for (const t of ['Sample collection', 'Sample preparation', 'Samples and reagents', 'Sample storage and transport'])
      assert.notEqual(sectionKind(t), 'examples', t);
  });

  it('keeps the steps of a "Sample preparation" section and leaves a sample letter as a note', async () => {
    const md = [
      '# Soil testing', '', '## Sample collection', '',
      '1. Label a clean bag for each plot.', '2. Take five cores from each plot.', '3. Mix the cores in the bag.', '',
      '## Sample preparation', '', '1. Dry the soil overnight at 40 °C.', '2. Sieve the dried soil through a 2 mm mesh.', '',
      '## Sample letter to growers', '', '1. Dear grower, your results are attached.', '2. Please call us with any questions.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'soil.md');
    const titles = r.sops.flatMap((s) => s.steps.map((x) => x.title));
    assert.ok(titles.includes('Take five cores from each plot') && titles.includes('Sieve the dried soil through a 2 mm mesh'), titles.join(' | '));
    assert.ok(!titles.some((t) => /grower/i.test(t)), titles.join(' | '));
  });
});
