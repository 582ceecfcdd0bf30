import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import { readerOf } from './reader-roles.js';


describe('the reader a document names is the role of its instructions to "you"', () => {
  it('reads the reader from "is for", "intended for", "Audience:", "describes how X will" and "If you are the X"', () => {
    assert.deepEqual(readerOf('This page is for help-desk technicians who answer the phones.'), ['help-desk technicians']);
    assert.deepEqual(readerOf('This runbook is intended for the on-call SRE.'), ['on-call SRE']);
    assert.deepEqual(readerOf('Audience: new maintainers and release managers'), ['new maintainers', 'release managers']);
    assert.deepEqual(readerOf('This guide describes how the storage team should expand a volume.'), ['storage team']);
    assert.deepEqual(readerOf('If you are the incident commander, open the bridge call first.'), ['incident commander']);
    assert.deepEqual(readerOf('This document is addressed to reviewers, approvers and the release manager.'), ['reviewers', 'approvers', 'release manager']);
  });

  it('names no reader for everyone, for a topic or for how to do something', () => {
    assert.deepEqual(readerOf('This page is for everyone.'), []);
    assert.deepEqual(readerOf('This guide explains how to set up a laptop.'), []);
    assert.deepEqual(readerOf('This page is for the quarterly audit of printers.'), []);
  });

  it('gives the introduction\'s reader to the SOP and to its instructions that name no one else', async () => {
    const sop = await onlySop([
      '# Renewing a TLS certificate', '',
      'This page is for platform engineers on the web rotation.', '',
      '## Steps', '',
      '1. Generate a new key and signing request.',
      '2. The security officer signs the request.',
      '3. Install the certificate on the load balancer.', '',
    ].join('\n'));
    assert.ok(sop.roles.includes('platform engineers'), sop.roles.join(', '));
    assert.equal(sop.steps[0].role, 'platform engineers');
    assert.equal(sop.steps[1].role, 'security officer');
    assert.equal(sop.steps[2].role, 'platform engineers');
  });

  it('reads the reader from a title such as "On-call guide for platform engineers"', async () => {
    const sop = await onlySop(['# Night-shift checklist for ward clerks', '', '1. Count the admissions.', '2. File the charts.', '3. Lock the records room.', ''].join('\n'));
    assert.deepEqual(sop.roles, ['ward clerks']);
    assert.equal(sop.steps[2].role, 'ward clerks');
  });

  it('leaves a document without a named reader as it was', async () => {
    const sop = await onlySop(['# Renewing a TLS certificate', '', '1. Generate a new key.', '2. Install the certificate.', '3. Test the site.', ''].join('\n'));
    assert.deepEqual(sop.roles, []);
    assert.equal(sop.steps[0].role, undefined);
  });
});
