import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const importMd = (md: string) => importDocument(new TextEncoder().encode(md), 'process.md');

const page = (lead: string) => [
  '# Handling a bug report', '',
  'This page describes how reports about broken builds are handled.', '',
  '## Report handling', '',
  lead, '',
  'Nothing about a report is discussed in the public chat until it is closed. Reports sent by post are not read.', '',
  '- The person who noticed the problem, the reporter, files the report in the tracker.',
  '- Reports about forks of the project are closed without a reply.',
  '- A person on the build team answers the report within one working day.',
  '- The build team reproduces the problem and either rejects or accepts the report.',
  '- The release of the fix should be as soon as possible.',
  '- Write a short note about the cause in the changelog.',
  '- No more than two days before the release, inform the packagers.',
  '- The release team publishes the release.', '',
  '## Contact', '',
  'Write to the build team for anything else.',
].join('\n');

describe('a process announced over a bullet list of rules and actions', () => {
  it('keeps the acting items as steps and leaves the rules and remarks among them out', async () => {
    const r = await importMd(page('The usual process for handling a new report is as follows.'));
    assert.equal(r.sops.length, 1);
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), [
      'The person who noticed the problem, the reporter, files the report in the tracker',
      'A person on the build team answers the report within one working day',
      'The build team reproduces the problem and either rejects or accepts the report',
      'Write a short note about the cause in the changelog',
      'No more than two days before the release, inform the packagers',
      'The release team publishes the release',
    ]);
    assert.ok(r.sops[0].roles.includes('reporter'), 'the role named between commas acts');
  });

  it('reads the list as before when no process is announced: every item is a step', async () => {
    const r = await importMd(page('Reports are read by the build team.'));
    assert.equal(r.sops.length, 1);
    assert.equal(r.sops[0].steps.length, 8);
  });
});
