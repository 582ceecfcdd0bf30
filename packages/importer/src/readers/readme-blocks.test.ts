import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import { readMarkdown } from './read-markdown.js';

const block = (type: string, json: object) => [`[block:${type}]`, JSON.stringify(json, null, 2), '[/block]'].join('\n');

const SOP = [
  '---', 'title: "Freezer alarm response"', '---',
  block('api-header', { type: 'basic', title: 'PURPOSE' }),
  'How the lab answers a freezer temperature alarm.',
  block('api-header', { type: 'basic', title: 'ROLES AND RESPONSIBILITIES' }),
  block('parameters', { data: { 'h-0': 'Role', 'h-1': 'Responsibility', '0-0': 'Duty technician', '0-1': 'Answers the alarm', '1-0': 'Lab manager', '1-1': 'Signs off the incident form' }, cols: 2, rows: 1 }),
  block('api-header', { type: 'basic', title: 'PROCEDURE' }),
  '1. Silence the alarm at the freezer panel.',
  '2. Read the display temperature and note it on the incident form.',
  '3. Move the racks to the backup freezer.',
  block('callout', { type: 'warning', title: 'Cold burns', body: 'Wear cryo gloves when handling racks.' }),
  '4. Ask the lab manager to sign off the incident form.',
  block('image', { images: [{ image: ['https://example.org/panel.png', 'panel.png', 10, 10] }] }),
  '',
].join('\n');

describe('ReadMe legacy blocks read as the markdown they render', () => {
  it('reads api-header blocks as headings, parameter grids as tables and callouts as admonitions', () => {
    const tree = readMarkdown(SOP);
    const headings = tree.blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.text : ''));
    assert.deepEqual(headings, ['PURPOSE', 'ROLES AND RESPONSIBILITIES', 'PROCEDURE']);
    const table = tree.blocks.find((b) => b.type === 'table');
    assert.ok(table && table.type === 'table', 'a table');
    assert.equal(table.rows.length, 3);
    assert.ok(!tree.blocks.some((b) => 'text' in b && /block:|"images"/.test(b.text)), 'no raw block JSON left as text');
  });

  it('imports the procedure under an api-header "PROCEDURE" with the roles of its grid, and no step from the callout or image', async () => {
    const sop = await onlySop(SOP);
    assert.deepEqual(sop.steps.map((s) => s.title.split(' ').slice(0, 2).join(' ')), ['Silence the', 'Read the', 'Move the', 'Ask the']);
    assert.ok(sop.roles.includes('Duty technician') && sop.roles.includes('Lab manager'), sop.roles.join(', '));
  });

  it('keeps the line numbers of the text after a block', () => {
    const tree = readMarkdown(SOP);
    const silence = tree.blocks.find((b) => b.type === 'list');
    assert.equal(silence?.source.line, SOP.split('\n').findIndex((l) => l.startsWith('1. Silence')) + 1);
  });
});
