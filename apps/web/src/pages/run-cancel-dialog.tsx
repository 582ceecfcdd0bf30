import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useCancelRun } from '../api/queries';
import { ErrorAlert } from '../components/error-alert';

/** **Cancel run** and its confirmation: a reason (optional, kept in the run's record), then **Cancel the run** or **Keep it running**. */
export function RunCancelButton({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useCancelRun(runId);
  const close = () => { setOpen(false); cancel.reset(); };
  return (
    <>
      <Button color="red" variant="light" size="xs" onClick={() => setOpen(true)}>Cancel run</Button>
      <Modal opened={open} onClose={close} title="Cancel this run?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">Its open tasks close and the steps still in flight are skipped. A cancelled run cannot be resumed; start a new one instead.</Text>
          <Textarea label="Reason" description="Optional; kept in the run's record." rows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {cancel.isError ? <ErrorAlert error={cancel.error} title="The run was not cancelled" /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>Keep it running</Button>
            <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate(reason, { onSuccess: () => setOpen(false) })}>Cancel the run</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
