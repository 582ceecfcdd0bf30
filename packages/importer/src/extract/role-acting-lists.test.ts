import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('bullet lists of roles acting', () => {
  it('reads "- The X will …" items as the steps of a procedure, each with its role', async () => {
    const r = await importDocument(new TextEncoder().encode([
      '# Venue change', '', '## Procedure', '',
      '- The event lead will confirm the new room with facilities.',
      '- The comms officer sends the change to all attendees.',
      '- The event lead updates the signage plan.',
    ].join('\n')), 'venue.md');
    assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics));
    assert.deepEqual(r.sops[0].steps.map((s) => s.role), ['event lead', 'comms officer', 'event lead']);
  });
});
