import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const importMd = (md: string) => importDocument(new TextEncoder().encode(md), 'narrated.md');

describe('sequence markers told as clauses', () => {
  it('reads "First thing to do is …", "Next is to …", "Then you want to …", "And …", "The last step is …" as steps', async () => {
    const r = await importMd([
      '# Storage', '',
      '## Swapping a failing disk', '',
      'We do this when the monitoring reports a disk as degraded. It can take an hour or two.', '',
      'First thing to do is order the spare disk from the parts desk. The spare has to match the old size.', '',
      'If the order went through, the ticket shows a tracking number.', '',
      'Next is to mount the spare in the empty bay:', '',
      '    sudo bay-mount /dev/sdz', '',
      'Then you want to copy the data onto the spare:', '',
      '    sudo disk-copy /dev/sdy /dev/sdz', '',
      'And unmount the old disk once the copy is complete.', '',
      'The last step is to send the old disk back to the vendor.',
    ].join('\n'));
    assert.equal(r.sops.length, 1);
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), [
      'Order the spare disk from the parts desk',
      'Mount the spare in the empty bay',
      'Copy the data onto the spare',
      'Unmount the old disk once the copy is complete',
      'Send the old disk back to the vendor',
    ]);
  });

  it('reads "At this point, you are able to …" and "Double check …" as instructions of a narrated section', async () => {
    const r = await importMd([
      '# Rotating the archive key', '',
      'The archive key expires every year. First thing to do is create the new key in the vault.', '',
      'Next is to re-encrypt the archive with the new key.', '',
      'Double check the archive opens with the new key.', '',
      'At this point, you are able to revoke the old key.',
    ].join('\n'));
    assert.equal(r.sops.length, 1);
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), [
      'Create the new key in the vault',
      'Re-encrypt the archive with the new key',
      'Double check the archive opens with the new key',
      'Revoke the old key',
    ]);
  });
});
