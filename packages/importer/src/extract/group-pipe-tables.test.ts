import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import type { Block } from '../tree/doc-tree.js';
import { groupPipeTables } from './group-pipe-tables.js';

const para = (text: string, paragraph: number): Block => ({ type: 'paragraph', text, links: [], source: { paragraph, text } });

describe('groupPipeTables', () => {
  it('turns three or more bar-separated rows of one width into a table', () => {
    const out = groupPipeTables([para('Intro.', 0), para('# | Task | Who', 1), para('1 | Open the valve | Operator', 2), para('2 | Read the gauge | Operator', 3), para('Done.', 4)]);
    assert.deepEqual(out.map((b) => b.type), ['paragraph', 'table', 'paragraph']);
    assert.deepEqual(out[1].type === 'table' && out[1].rows[2], ['2', 'Read the gauge', 'Operator']);
  });

  it('leaves two rows, uneven rows and single bars alone', () => {
    assert.deepEqual(groupPipeTables([para('a | b | c', 0), para('d | e | f', 1)]).map((b) => b.type), ['paragraph', 'paragraph']);
    assert.deepEqual(groupPipeTables([para('a | b | c', 0), para('d | e', 1), para('f | g | h', 2)]).map((b) => b.type), ['paragraph', 'paragraph', 'paragraph']);
    assert.deepEqual(groupPipeTables([para('Yes | No', 0), para('Yes | No', 1), para('Yes | No', 2)]).map((b) => b.type), ['paragraph', 'paragraph', 'paragraph']);
  });

  it('reads a plain-text step table end to end', async () => {
    const text = ['Forklift battery swap', '', 'Step | Task | Who', '1 | Park the forklift at the charging bay | Driver', '2 | Swap the battery with the hoist | Shift lead', '3 | Log the swap in the battery book | Driver'].join('\n');
    const r = await importDocument(new TextEncoder().encode(text), 'battery.txt');
    assert.deepEqual(r.sops[0].steps.map((s) => [s.title, s.role]), [['Park the forklift at the charging bay', 'Driver'], ['Swap the battery with the hoist', 'Shift lead'], ['Log the swap in the battery book', 'Driver']]);
  });
});
