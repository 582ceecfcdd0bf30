import { useMemo, useRef, useState } from 'react';
import type Form from '@rjsf/core';
import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useCompleteTask, type TaskDecision } from '../api/queries';
import type { Task } from '../api/api-types';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import { formSchemaOf, TaskForm } from './task-form';
import classes from './pages.module.css';
import { AnchorLink } from '../components/anchor-link';

const DECIDED_BY_APPROVAL = new Set(['approval', 'auth']);

/** One open task: what, whose, from which run; its form; Approve and Deny (a reason required) or Complete. */
export function TaskCard({ task }: { task: Task }) {
  const complete = useCompleteTask(task.id);
  const schema = useMemo(() => formSchemaOf(task.form), [task.form]);
  const formRef = useRef<Form>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const approval = DECIDED_BY_APPROVAL.has(task.kind);
  const overdue = task.dueAt !== null && new Date(task.dueAt).getTime() < Date.now();

  function decide(decision: TaskDecision['decision']) {
    if (decision === 'denied' && reason.trim() === '') {
      setReasonError('Give a reason to deny: the requester reads it.');
      return;
    }
    setReasonError(null);
    if (decision !== 'denied' && schema !== null && formRef.current !== null && !formRef.current.validateForm()) return;
    complete.mutate({
      decision,
      ...(schema === null || decision === 'denied' ? {} : { data }),
      ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
    });
  }

  return (
    <Paper withBorder radius="md" p="md" className={classes.card} aria-labelledby={`task-${task.id}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text id={`task-${task.id}-title`} fw={600}>{task.title}</Text>
            <Group gap="xs" mt={2}>
              <Badge size="sm" variant="light" radius="sm" tt="none">{task.kind}</Badge>
              <Text size="xs" c="dimmed">{task.role === null ? 'any role' : `role ${task.role}`}</Text>
              <Text size="xs" c="dimmed">· opened {formatWhen(task.createdAt)}</Text>
              {task.dueAt !== null ? <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>· {overdue ? 'overdue since' : 'due'} {formatWhen(task.dueAt)}</Text> : null}
              {task.reason !== null ? <Badge size="sm" color="orange" variant="light" radius="sm" tt="none">{task.reason}</Badge> : null}
            </Group>
          </div>
          <AnchorLink to="/runs/$runId" params={{ runId: task.runId }} size="xs" ff="monospace">run {task.runId}</AnchorLink>
        </Group>

        {schema !== null ? <TaskForm ref={formRef} schema={schema} data={data} onChange={setData} idPrefix={`task-${task.id}`} /> : null}

        {approval ? (
          <Textarea label="Reason" description="Needed to deny; optional to approve." rows={2} value={reason}
            onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} maw={520} />
        ) : null}

        {complete.isError ? <ErrorAlert error={complete.error} title="The decision was not recorded" /> : null}

        <Group gap="sm">
          {approval ? (
            <>
              <Button size="sm" onClick={() => decide('approved')} loading={complete.isPending && complete.variables?.decision === 'approved'} disabled={complete.isPending}>Approve</Button>
              <Button size="sm" variant="default" color="red" onClick={() => decide('denied')} loading={complete.isPending && complete.variables?.decision === 'denied'} disabled={complete.isPending}>Deny</Button>
            </>
          ) : (
            <Button size="sm" onClick={() => decide('done')} loading={complete.isPending} disabled={complete.isPending}>Complete</Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
