import { useEffect, useMemo, useRef, useState } from 'react';
import type Form from '@rjsf/core';
import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useCompleteTask, useTaskProposal, type TaskDecision } from '../api/queries';
import type { Task } from '../api/api-types';
import { ErrorAlert } from '../components/error-alert';
import { When } from '../components/when';
import { formSchemaOf, TaskForm } from './task-form';
import { escalationOf, isOverdue, isProposalReview } from './task-marks';
import classes from './pages.module.css';
import { AnchorLink } from '../components/anchor-link';

const DECIDED_BY_APPROVAL = new Set(['approval', 'auth']);

/**
 * One open task: what, whose, from which run, overdue and escalated in words; its form; Approve and
 * Deny (a reason required) or Complete. On a review of an agent's work the proposal fills the form
 * (or a JSON field when the step has none), editable, with **Accept proposal** and **Reject proposal**.
 */
export function TaskCard({ task }: { task: Task }) {
  const complete = useCompleteTask(task.id);
  const schema = useMemo(() => formSchemaOf(task.form), [task.form]);
  const review = isProposalReview(task);
  const proposal = useTaskProposal(task, review);
  const formRef = useRef<Form>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const approval = review || DECIDED_BY_APPROVAL.has(task.kind);
  const overdue = isOverdue(task);
  const escalation = escalationOf(task);
  const proposed = proposal.data?.proposal ?? null;

  // The proposal arrives once; it fills the fields the reviewer then edits.
  useEffect(() => {
    if (proposed === null) return;
    setData(proposed);
    setJson(JSON.stringify(proposed, null, 2));
  }, [proposed]);

  function decide(decision: TaskDecision['decision']) {
    if (decision === 'denied' && reason.trim() === '') {
      setReasonError(review ? 'Give a reason to reject: it is kept with the run.' : 'Give a reason to deny: the requester reads it.');
      return;
    }
    setReasonError(null);
    if (decision !== 'denied' && schema !== null && formRef.current !== null && !formRef.current.validateForm()) return;
    const edited = decision === 'denied' ? undefined : schema !== null ? data : review && proposed !== null ? parseObject(json) : undefined;
    if (edited === null) {
      setJsonError('Not a JSON object: fix it, or reload to start again from the proposal.');
      return;
    }
    setJsonError(null);
    complete.mutate({ decision, ...(edited === undefined ? {} : { data: edited }), ...(reason.trim() === '' ? {} : { reason: reason.trim() }) });
  }

  return (
    <Paper withBorder radius="md" p="md" className={classes.card} aria-labelledby={`task-${task.id}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text id={`task-${task.id}-title`} fw={600}>{task.title}</Text>
            <Group gap="xs" mt={2}>
              <Badge size="sm" variant="light" radius="sm" tt="none">{task.kind}</Badge>
              {overdue ? <Badge size="sm" color="red" variant="outline" radius="sm" tt="none">Overdue</Badge> : null}
              {escalation !== null ? <Badge size="sm" color="orange" variant="outline" radius="sm" tt="none">Escalated</Badge> : null}
              <Text size="xs" c="dimmed">{task.role === null ? 'any role' : `role ${task.role}`}</Text>
              <Text size="xs" c="dimmed">· opened <When iso={task.createdAt} /></Text>
              {task.dueAt !== null ? <Text size="xs" c="dimmed" fw={overdue ? 600 : undefined}>· {overdue ? 'overdue since' : 'due'} <When iso={task.dueAt} /></Text> : null}
            </Group>
            {escalation !== null ? <Text size="sm" mt={4}>Escalated: {escalation}{task.reason !== null ? ` (${task.reason})` : ''}.</Text> : null}
          </div>
          <AnchorLink to="/runs/$runId" params={{ runId: task.runId }} size="xs" ff="monospace">run {task.runId}</AnchorLink>
        </Group>

        {review ? <ProposalHeading loading={proposal.isPending} confidence={proposal.data?.confidence ?? null} found={proposed !== null} /> : null}
        {proposal.isError ? <ErrorAlert error={proposal.error} title="Could not load the agent's proposal" /> : null}

        {schema !== null ? <TaskForm ref={formRef} schema={schema} data={data} onChange={setData} idPrefix={`task-${task.id}`} /> : null}
        {schema === null && review && proposed !== null ? (
          <Textarea label="Proposed output (JSON)" description="Edit before accepting; what you accept is recorded as the step's output." rows={6}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} value={json} onChange={(e) => setJson(e.currentTarget.value)} error={jsonError} maw={640} />
        ) : null}

        {approval ? (
          <Textarea label="Reason" description={review ? 'Needed to reject; optional to accept.' : 'Needed to deny; optional to approve.'} rows={2} value={reason}
            onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} maw={520} />
        ) : null}

        {complete.isError ? <ErrorAlert error={complete.error} title="The decision was not recorded" /> : null}

        <Group gap="sm">
          {approval ? (
            <>
              <Button size="sm" onClick={() => decide('approved')} loading={complete.isPending && complete.variables?.decision === 'approved'} disabled={complete.isPending}>{review ? 'Accept proposal' : 'Approve'}</Button>
              <Button size="sm" variant="default" color="red" onClick={() => decide('denied')} loading={complete.isPending && complete.variables?.decision === 'denied'} disabled={complete.isPending}>{review ? 'Reject proposal' : 'Deny'}</Button>
            </>
          ) : (
            <Button size="sm" onClick={() => decide('done')} loading={complete.isPending} disabled={complete.isPending}>Complete</Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function ProposalHeading({ loading, confidence, found }: { loading: boolean; confidence: number | null; found: boolean }) {
  const words = loading ? 'Loading what the agent proposed…'
    : !found ? 'The agent left no proposal; fill in the step yourself.'
    : `The agent proposed this${confidence === null ? '' : ` with ${Math.round(confidence * 100)} % confidence`}; check and edit it before accepting.`;
  return <Text size="sm" fw={500}>{words}</Text>;
}

/** The text as a JSON object, or null when it is not one. */
function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
