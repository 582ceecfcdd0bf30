import { strict as assert } from 'node:assert';
import { importDocument, type ImportedSop } from '../../src/index.js';

/** For tests: imports markdown written in the test and returns its one SOP (fails the test when there is not exactly one). */
export async function onlySop(markdown: string, fileName = 'test.md'): Promise<ImportedSop> {
  const r = await importDocument(new TextEncoder().encode(markdown), fileName);
  assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics));
  return r.sops[0];
}
