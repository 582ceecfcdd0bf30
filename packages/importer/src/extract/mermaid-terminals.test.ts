import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('mermaid start and end nodes', () => {
  it('drops bare Start/End nodes but keeps actions that begin with "Start" or "Stop"', async () => {
    const md = [
      '# Boiler alarm', '', '```mermaid', 'flowchart TD',
      '  S((Start)) --> A[Read the alarm code]',
      '  A --> B{Pressure high?}',
      '  B -->|yes| C[Stop the burner within 5 minutes]',
      '  B -->|no| D[Start the standby pump]',
      '  C --> E([End of process])',
      '  D --> E',
      '```',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'boiler.md');
    const steps = r.sops[0].steps;
    assert.deepEqual(steps.map((s) => s.title), ['Read the alarm code', 'Pressure high?', 'Stop the burner within 5 minutes', 'Start the standby pump']);
    assert.deepEqual(steps[1].decisions.map((d) => [d.when, d.goto]), [['yes', 3], ['no', 4]]);
    assert.deepEqual(steps[2].decisions, [{ when: 'always', goto: 'end' }]);
    assert.equal(steps[2].timers[0]?.amount, 5);
  });
});
