import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readMarkdown } from '../index.js';

describe('numbered headings written in bold', () => {
  it('reads a bold numbered line alone as a heading one level below the last one, and leaves other bold lines as paragraphs', () => {
    const tree = readMarkdown([
      '## Intake', '', '**1. Log the parcel**', '', 'Write the tracking number in the book.', '',
      '**2. Weigh it**', '', '**Heavy parcels:** use the trolley.', '', '**Remember the gloves**', '',
      '- **3. Not a heading inside a list**',
    ].join('\n'));
    const shape = tree.blocks.map((b) => (b.type === 'heading' ? `h${b.level} ${b.text}` : b.type));
    assert.deepEqual(shape, ['h2 Intake', 'h3 1. Log the parcel', 'paragraph', 'h3 2. Weigh it', 'paragraph', 'paragraph', 'list']);
  });
});
