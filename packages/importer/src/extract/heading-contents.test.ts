import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const stepsOf = async (markdown: string) => {
  const r = await importDocument(new TextEncoder().encode(markdown), 'test.md');
  return r.sops.map((s) => s.steps.map((x) => `${x.parent ? '  ' : ''}${x.title}`));
};

describe('a heading that names a group and lists instructions', () => {
  it('keeps the heading as a step and its listed instructions as sub-steps, under sub-headings or not', async () => {
    const steps = await stepsOf([
      '# Moving the lab', '', '## Procedure', '',
      '### Packing', '', 'Packing starts a week before.', '', '#### Glassware', '', '- Wrap each flask in paper.', '- Pack the flasks upright.', '',
      '#### Samples', '', '- Move the samples to the transport freezer.', '- Log each box in the inventory.', '',
      '### Transport', '', 'The van is booked by the office.', '',
      '### Unpacking', '', '1. Plug in the freezers.', '2. Check the temperature after an hour.', '',
    ].join('\n'));
    assert.deepEqual(steps, [[
      'Packing', '  Wrap each flask in paper', '  Pack the flasks upright', '  Move the samples to the transport freezer', '  Log each box in the inventory',
      'Transport', 'Unpacking', '  Plug in the freezers', '  Check the temperature after an hour',
    ]]);
  });

  it('leaves a heading that names an action, and lists of things, as they were', async () => {
    const steps = await stepsOf([
      '# Moving the office', '', '## Procedure', '',
      '### Pack the desks', '', '- Empty the drawers.', '- Label the boxes.', '',
      '### Furniture', '', 'The movers take:', '', '- the chairs', '- the cabinets', '',
      '### Unpack', '', 'Unpack the boxes at the new desks.',
    ].join('\n'));
    assert.deepEqual(steps, [['Pack the desks', 'Furniture', 'Unpack']]);
  });

  it('reads a group heading\'s paragraphs of instructions as its sub-steps, the sentences after one describing it', async () => {
    const steps = await stepsOf([
      '# Looking after the greenhouse', '', '## Procedure', '',
      '### Watering', '', 'Fill the can from the rain barrel. It holds ten litres.', '', 'Mist the seedlings first:', '', '```', 'tray 1, tray 2', '```', '', 'Empty the can before you leave.', '',
      '### Ventilation', '', 'The vents open by themselves above 25 degrees.', '',
      '### Pests', '', 'Inspect the leaves for aphids.', '',
    ].join('\n'));
    assert.deepEqual(steps, [['Watering', '  Fill the can from the rain barrel', '  Mist the seedlings first', '  Empty the can before you leave', 'Ventilation', 'Pests']]);
  });

  it('keeps a heading whose paragraphs mostly describe, with an instruction among them, as one step', async () => {
    const steps = await stepsOf([
      '# Looking after the greenhouse', '', '## Procedure', '',
      '### Watering', '', 'The barrel fills with rain. The can holds ten litres. Seedlings need more water than cuttings. Water the seedlings first. The cuttings come after them.', '',
      '### Ventilation', '', 'The vents open by themselves above 25 degrees.', '',
      '### Pests', '', 'Inspect the leaves for aphids. Spray the infested ones.', '',
    ].join('\n'));
    assert.deepEqual(steps, [['Watering', 'Ventilation', 'Pests', '  Inspect the leaves for aphids', '  Spray the infested ones']]);
  });

  it('reads a heading that names an action as a group when sub-headings hold its lists of instructions', async () => {
    const steps = await stepsOf([
      '# Running the bake sale', '', '## Procedure', '',
      '### Plan, Bake and Sell', '', 'Everyone helps on the day.', '', '#### Baking', '', '- The manager orders the flour.', '- The manager books the oven for the night before.', '',
      '#### Selling', '', '- The cashier counts the float.', '- The cashier records the takings.', '',
      '### Tidy up', '', 'Stack the tables.', '',
    ].join('\n'));
    assert.deepEqual(steps, [[
      'Plan, Bake and Sell', '  The manager orders the flour', '  The manager books the oven for the night before', '  The cashier counts the float', '  The cashier records the takings', 'Tidy up',
    ]]);
  });
});
