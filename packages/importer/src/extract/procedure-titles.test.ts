import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const titlesOf = async (lines: string[], file = 'doc.md') => (await importDocument(new TextEncoder().encode(lines.join('\n')), file)).sops.map((s) => s.title);

describe('procedure titles from standard section headings', () => {
  it('qualifies a standard section name by the heading above it: one runbook per alert, each named by its alert', async () => {
    const titles = await titlesOf([
      '# Queue alerts', '',
      '## QueueBacklogHigh', '', '### Meaning', '', 'More than ten thousand jobs wait in the queue.', '',
      '### Diagnosis & Mitigation', '', '1. Open the queue dashboard.', '2. Scale the workers up by two.', '3. Watch the backlog for ten minutes.', '',
      '## QueueConsumerStuck', '', '### Meaning', '', 'A consumer has not acknowledged a job for an hour.', '',
      '### Diagnosis & Mitigation', '', '1. Find the stuck consumer in the dashboard.', '2. Restart its pod.', '3. Requeue the job it held.',
    ]);
    assert.deepEqual(titles, ['QueueBacklogHigh: Diagnosis & Mitigation', 'QueueConsumerStuck: Diagnosis & Mitigation']);
  });

  it('names sections that repeat across playbooks by their playbook, not by a number', async () => {
    const titles = await titlesOf([
      '# Security playbooks', '',
      '## Playbook: Lost laptop', '', '### Investigate', '', '1. Ask the owner where it was last seen.', '2. Check the device console for its last check-in.', '',
      '### Recover', '', '1. Wipe the device remotely.', '2. Issue a replacement laptop.', '',
      '## Playbook: Leaked password', '', '### Investigate', '', '1. Find where the password was posted.', '2. List the systems it opens.', '',
      '### Recover', '', '1. Rotate the password.', '2. Review the access logs for its use.',
    ]);
    assert.deepEqual(titles, ['Playbook: Lost laptop: Investigate', 'Playbook: Lost laptop: Recover', 'Playbook: Leaked password: Investigate', 'Playbook: Leaked password: Recover']);
  });

  it('does not title a document by an opening "Purpose" heading', async () => {
    const titles = await titlesOf([
      '# PURPOSE', '', 'This SOP says how a sample is logged at the front desk.', '',
      '# SCOPE', '', 'All samples that arrive by courier.', '',
      '# PROCEDURE', '', '1. Scan the sample barcode.', '2. Write the arrival time in the log.', '3. Put the sample in the fridge.',
    ], 'logging-a-courier-sample.md');
    assert.deepEqual(titles, ['Logging a courier sample']);
  });
});
