import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentHash } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { stepCountOf } from './summarize-sops.js';

const osop = (steps: number) => `osop_version: "1.0"
id: count-me
name: Count me
nodes:
${Array.from({ length: steps }, (_, i) => `  - { id: s${i}, type: system, name: Step ${i}, runtime: { action: noop } }`).join('\n')}
edges:
${Array.from({ length: steps - 1 }, (_, i) => `  - { from: s${i}, to: s${i + 1}, mode: sequential }`).join('\n')}
`;
const sop = { workflowId: 'count-me' } as SopRow;
const version = (text: string, hash = contentHash(text)) => ({ id: 'ver_1', text, contentHash: hash }) as SopVersionRow;

describe('stepCountOf', () => {
  it('counts the steps of a version, and of the same draft after an edit changed its text and hash', async () => {
    assert.equal(await stepCountOf(sop, version(osop(3))), 3);
    assert.equal(await stepCountOf(sop, version(osop(5))), 5);
  });

  it('does not parse a text it has counted before: a known content hash answers without reading the text', async () => {
    const text = osop(4);
    assert.equal(await stepCountOf(sop, version(text)), 4);
    assert.equal(await stepCountOf(sop, version('not: [an osop', contentHash(text))), 4);
    await assert.rejects(stepCountOf(sop, version('not: [an osop')));
  });
});
