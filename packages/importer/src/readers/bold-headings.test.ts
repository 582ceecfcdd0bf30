import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument, readMarkdown } from '../index.js';

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

describe('run-in headings (a bold label opening a paragraph)', () => {
  it('reads three or more bold-labelled paragraphs under one heading as headings one level below it, and one alone as a paragraph', () => {
    const tree = readMarkdown([
      '# Closing the hall', '', 'The caretaker and the last group work through this.', '',
      '**Heating.** Turn the thermostat down to ten degrees.', '', '**Windows:** Shut every window on the ground floor.', '',
      '**Doors.** Lock the fire exits from inside.', '', '## Notes', '', '**Keys:** the spare set is at the office.',
    ].join('\n'));
    const shape = tree.blocks.map((b) => (b.type === 'heading' ? `h${b.level} ${b.text}` : `${b.type} ${'text' in b ? b.text : ''}`));
    assert.deepEqual(shape, [
      'h1 Closing the hall', 'paragraph The caretaker and the last group work through this.',
      'h2 Heating', 'paragraph Turn the thermostat down to ten degrees.', 'h2 Windows', 'paragraph Shut every window on the ground floor.',
      'h2 Doors', 'paragraph Lock the fire exits from inside.', 'h2 Notes', 'paragraph Keys: the spare set is at the office.',
    ]);
  });

  it('finds the procedure of a page written as bold-labelled paragraphs of instructions (nothing was imported before)', async () => {
    const md = [
      '# Returning a hire car', '', 'Whoever drove last returns the car.', '',
      '**Fuel.** Fill the tank at the station by the depot. Keep the receipt.', '',
      '**Damage.** Photograph each side of the car. Note any new scratch on the form.', '',
      '**Keys.** Drop the keys in the return box. Email the photos to the depot.', '',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'car.md');
    assert.deepEqual(r.sops.map((s) => s.steps.map((x) => x.title)), [[
      'Fill the tank at the station by the depot', 'Keep the receipt', 'Photograph each side of the car', 'Note any new scratch on the form',
      'Drop the keys in the return box', 'Email the photos to the depot',
    ]]);
  });
});

