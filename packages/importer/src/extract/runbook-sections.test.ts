import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import { readProseConditional } from './prose-conditionals.js';

const RUNBOOK = [
  '# QueueBacklogGrowing', '',
  '## Meaning', '', 'The worker pool is not keeping up with the jobs queued by the API.', '',
  '## Diagnosis', '',
  'First look at the queue depth on the broker dashboard.',
  'The scheduler writes a warning for every job older than five minutes.',
  'Open the worker logs and search for crash loops.', '',
  '## Mitigation', '',
  '- If the workers are crash looping, roll back the last worker release.',
  '- If the broker disk is full:', '', '    1. Purge the dead-letter queue.', '    2. Restart the broker.', '',
  '- Otherwise, scale the worker pool up by two replicas.',
].join('\n');

describe('runbooks: Diagnosis and Mitigation sections', () => {
  it('reads the instructions of a Diagnosis section and the cases of a Mitigation list as one procedure', async () => {
    const r = await importDocument(new TextEncoder().encode(RUNBOOK), 'queue-backlog.md');
    assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics));
    const titles = r.sops[0].steps.map((s) => s.title);
    assert.ok(titles[0].startsWith('Look at the queue depth'), titles[0]);
    assert.ok(titles.some((t) => t.startsWith('Open the worker logs')));
    // What the system does is description, not a step.
    assert.ok(!titles.some((t) => /scheduler writes/i.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('If the workers are crash looping')));
    assert.ok(titles.includes('Purge the dead-letter queue'));
    assert.ok(titles.some((t) => t.startsWith('Otherwise, scale the worker pool')));
  });

  it('reads a Diagnosis with a sub-section as one run of prose, ahead of headings such as Meaning and Impact', async () => {
    const md = [
      '# CacheNodeDown', '', '## Meaning', '', 'One cache node stopped answering.', '', '## Impact', '', 'Reads are slower.', '',
      '## Diagnosis', '', 'Login to the bastion host. Check which cache node is missing from the ring.', '',
      '### Node health', '', 'To read the node logs, we need to open a shell on the node.', '', 'Restart the cache daemon if it crashed.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'cache.md');
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), ['Login to the bastion host', 'Check which cache node is missing from the ring', 'Open a shell on the node', 'Restart the cache daemon if it crashed']);
  });

  it('does not send a statement about the system to a step of similar words', () => {
    const titles = ['The scheduler writes a warning', 'Restart the scheduler'];
    assert.deepEqual(readProseConditional('If the job is stuck, the scheduler writes a second warning.', [], titles), { kind: 'action', when: 'the job is stuck', action: 'The scheduler writes a second warning' });
    assert.deepEqual(readProseConditional('If the job is stuck, restart the scheduler.', [], titles), { kind: 'branch', when: 'the job is stuck', target: { kind: 'title', title: 'Restart the scheduler' } });
  });
});
