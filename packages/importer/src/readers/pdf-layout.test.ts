import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { linesToBlocks } from './lines-to-blocks.js';
import { layoutPdfLines } from './pdf-layout.js';
import type { PdfItem, PdfPage } from './pdf-types.js';

const item = (str: string, x: number, y: number, size = 10): PdfItem => ({ str, x, y, width: str.length * size * 0.5, size });

function page(items: PdfItem[], n: number): PdfPage {
  return {
    width: 600,
    height: 800,
    items: [item('ACME Quality Manual', 250, 780, 8), item(`Page ${n} of 2`, 270, 20, 8), ...items],
  };
}

describe('layoutPdfLines', () => {
  it('reads the left column before the right one and drops repeated headers and footers', () => {
    const left = ['Left one', 'Left two', 'Left three', 'Left four'].map((t, i) => item(t, 50, 700 - i * 14));
    const right = ['Right one', 'Right two', 'Right three', 'Right four'].map((t, i) => item(t, 320, 700 - i * 14));
    const lines = layoutPdfLines([page([item('TITLE OF THE SOP', 50, 740, 18), ...left, ...right], 1), page([item('Second page text', 50, 700)], 2)]);
    assert.deepEqual(lines.map((l) => l.text), ['TITLE OF THE SOP', 'Left one', 'Left two', 'Left three', 'Left four', 'Right one', 'Right two', 'Right three', 'Right four', 'Second page text']);
    assert.equal(lines[0].headingLevel, 1);
    assert.deepEqual(lines.map((l) => l.page), [1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('keeps a single-column page in top-to-bottom order and joins words on a baseline', () => {
    const lines = layoutPdfLines([{ width: 600, height: 800, items: [item('world', 80, 700), item('Hello', 50, 700), item('Next line', 50, 686)] }]);
    assert.deepEqual(lines.map((l) => l.text), ['Hello world', 'Next line']);
    assert.equal(lines[1].gapBefore, false);
  });
});

describe('linesToBlocks', () => {
  const line = (text: string, indent = 0, gapBefore = false) => ({ text, indent, gapBefore });

  it('recognises glyph bullets, nested "o" bullets and numbered items', () => {
    const blocks = linesToBlocks([
      line('Before you start:', 0, true),
      line('\uf0b7 Check the valve', 28),
      line('o Use the torque wrench', 40),
      line('▪ Close the cover', 28),
      line('1. Open the tap', 0, true),
      line('2. Fill the tank', 0),
    ]);
    assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'list', 'list']);
    const bullets = blocks[1].type === 'list' ? blocks[1] : undefined;
    assert.deepEqual(bullets?.items.map((i) => i.text), ['Check the valve', 'Close the cover']);
    assert.equal(bullets?.items[0].children[0]?.type, 'list');
    const numbered = blocks[2].type === 'list' ? blocks[2] : undefined;
    assert.deepEqual(numbered?.items.map((i) => [i.marker, i.text]), [['1', 'Open the tap'], ['2', 'Fill the tank']]);
  });

  it('joins a wrapped line that starts with a number to its sentence', () => {
    const blocks = linesToBlocks([line('If the form is incomplete, return to step', 0, true), line('2.1 after the requester has added the fields.', 0)]);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0].type === 'paragraph' && blocks[0].text, 'If the form is incomplete, return to step 2.1 after the requester has added the fields.');
  });
});
