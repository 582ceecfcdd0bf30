import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentHash } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { stepTallyOf } from './summarize-sops.js';

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

describe('stepTallyOf', () => {
  it('counts the steps of a version, and of the same draft after an edit changed its text and hash', async () => {
    assert.equal((await stepTallyOf(sop, version(osop(3)))).stepCount, 3);
    assert.equal((await stepTallyOf(sop, version(osop(5)))).stepCount, 5);
  });

  it('does not parse a text it has counted before: a known content hash answers without reading the text', async () => {
    const text = osop(4);
    assert.equal((await stepTallyOf(sop, version(text))).stepCount, 4);
    assert.equal((await stepTallyOf(sop, version('not: [an osop', contentHash(text)))).stepCount, 4);
    await assert.rejects(stepTallyOf(sop, version('not: [an osop')));
  });

  it('counts the steps by delegation state as the SOP detail shows them: stated, else by step type', async () => {
    const text = `osop_version: "1.0"
id: count-me
name: Count me
nodes:
  - { id: a, type: human, name: A }
  - { id: b, type: human, name: B, delegation_state: trialing }
  - { id: c, type: agent, name: C }
  - { id: d, type: system, name: D, runtime: { action: noop } }
  - { id: e, type: human, name: E }
edges:
  - { from: a, to: b, mode: sequential }
  - { from: b, to: c, mode: sequential }
  - { from: c, to: d, mode: sequential }
  - { from: d, to: e, mode: sequential }
`;
    const tally = await stepTallyOf(sop, version(text));
    assert.equal(tally.stepCount, 5);
    assert.deepEqual(tally.delegation, { human_only: 2, trialing: 1, agent_supervised: 1, agent_autonomous: 1 });
    assert.deepEqual((await stepTallyOf(sop, version(osop(2)))).delegation, { human_only: 0, trialing: 0, agent_supervised: 0, agent_autonomous: 2 }, 'every state present, 0 when none');
  });
});
