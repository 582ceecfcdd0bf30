import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import { partNumber } from './decisions.js';

const load = (md: string) => importDocument(new TextEncoder().encode(md), 'flood.md');

const FLOOD = [
  '# Flood response', '',
  '## Alert Phase', '', '1. The duty officer reads the river gauge.', '2. Decide whether the level is above the red line.',
  '3. If it is below the red line, log the reading and move to Phase IV, Review.', '4. If it is above, call the flood warden and commence to Phase II: Evacuation.',
  '5. The duty officer opens the incident log.', '',
  '## Evacuation Phase', '', '1. The flood warden clears the ground floor.', '2. Move the archive boxes upstairs.', '3. Move to Phase III, Clean-up.', '',
  '## Clean-up Phase', '', '1. Pump out the basement.', '2. Dry the floors with fans.', '',
  '## Review Phase', '', '1. The duty officer files the report.', '2. Close the incident log.',
].join('\n');

describe('decisions that name a part of the procedure', () => {
  it('reads Roman and Arabic part numbers', () => {
    assert.equal(partNumber('IV'), '4');
    assert.equal(partNumber('ix'), '9');
    assert.equal(partNumber('4b'), '4b');
  });

  it('folds the "If …" cases that leave the flow into the deciding step, each jumping to the part it names', async () => {
    const r = await load(FLOOD);
    assert.equal(r.sops.length, 1);
    const steps = r.sops[0].steps;
    const at = (title: string) => steps.find((s) => s.title === title)!.sequence_order;
    const decide = steps.find((s) => s.title === 'Decide whether the level is above the red line')!;
    assert.deepEqual(decide.decisions, [
      { when: 'it is below the red line', goto: at('The duty officer files the report') },
      { when: 'it is above', goto: at('The flood warden clears the ground floor') },
    ]);
    assert.ok(!steps.some((s) => /^If it is/.test(s.title)), steps.map((s) => s.title).join(' | '));
  });

  it('does not make a jump to the step that follows anyway a decision', async () => {
    const r = await load(FLOOD);
    const move = r.sops[0].steps.find((s) => s.title === 'Move to Phase III, Clean-up')!;
    assert.deepEqual(move.decisions, []);
  });

  it('keeps a conditional step that does its own work and only skips otherwise', async () => {
    const r = await load([
      '# Returns', '', '## Procedure', '',
      '1. The clerk unpacks the returned unit.', '2. The engineer decides whether the unit can be repaired.',
      '3. If the unit can be repaired, the technician repairs it and tests it; otherwise skip to step 5.',
      '4. The clerk ships the repaired unit back.', '5. The clerk closes the return record.',
    ].join('\n'));
    const steps = r.sops[0].steps;
    assert.equal(steps.length, 5, steps.map((s) => s.title).join(' | '));
    assert.deepEqual(steps[2].decisions, [{ when: 'otherwise', goto: 5 }]);
  });

  it('keeps a branch whose target is not in the procedure as a conditional action of its step, with a warning', async () => {
    const r = await load([
      '# Returns', '', '## Procedure', '',
      '1. The clerk unpacks the returned unit.', '2. The clerk checks the seal. If the seal is broken, go to step 9.', '3. The clerk files the return.',
    ].join('\n'));
    const check = r.sops[0].steps[1];
    assert.deepEqual(check.decisions, []);
    assert.deepEqual(check.conditionalActions, [{ when: 'the seal is broken', action: 'Go to step 9' }]);
    assert.ok(r.sops[0].warnings.some((w) => /step 9/.test(w)), r.sops[0].warnings.join(' | '));
  });
});
