import type { ReactNode } from 'react';
import { Alert, Anchor, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useRun, useRunAudit, useRunHistory, useSop } from '../api/queries';
import { isInFlight, type RunStep, type SopStep, type StepState } from '../api/api-types';
import { ErrorAlert } from '../components/error-alert';
import { formatDuration } from '../components/format-time';
import { When } from '../components/when';
import { RunStatusBadge, StepStateBadge } from '../components/state-badges';
import classes from './pages.module.css';
import { AnchorLink } from '../components/anchor-link';
import { RunAuditStatus } from './run-audit-status';
import { RunCancelButton } from './run-cancel-dialog';
import { describeChild, describeDecision, describeStepState, readRunNarrative, type RunNarrative } from './run-narrative';

const BULLET: Record<StepState, string> = { todo: 'gray', now: 'indigo', done: 'teal', blocked: 'red' };

/**
 * Pure; who or what performed a step, in words: "by" the server's performer (a person, "wes (entered
 * by ada)", or the executor kind of a machine step); before anyone did, whom it waits for (from the
 * step's kind and role); null for a step not reached or skipped (its detail says so).
 */
export function performerOf(step: RunStep, meta: SopStep | undefined): string | null {
  if (step.performedBy !== null) return `by ${step.performedBy}`;
  if (step.state === 'todo' || step.detail.startsWith('skipped')) return null;
  if (meta === undefined) return '—';
  if (meta.type === 'human') return meta.role === null ? 'for a person' : `for a person in role ${meta.role}`;
  if (meta.type === 'agent') return 'for an agent';
  return meta.type === 'system' ? 'for the system' : `for the system (${meta.type})`;
}

/** Pure; how long a step took ("took 3 s"), or has taken so far while it runs; null before it started. */
export function stepDuration(step: Pick<RunStep, 'startedAt' | 'endedAt'>, now: Date = new Date()): string | null {
  if (step.startedAt === null) return null;
  return step.endedAt === null ? `${formatDuration(step.startedAt, now.toISOString())} so far` : `took ${formatDuration(step.startedAt, step.endedAt)}`;
}

/**
 * One run: its status, the audit chain's state, the `.osoplog` download and **Cancel run** while it is in
 * flight; a timeline of its steps with durations, who or what performed each, the decisions taken
 * (with their reasons), the escalations and its child runs; live while in flight.
 */
export function RunPage() {
  const { runId } = useParams({ from: '/app/runs/$runId' });
  const run = useRun(runId);
  const sop = useSop(run.data?.sopId ?? '');
  const live = isInFlight(run.data?.status);
  const history = useRunHistory(runId, live);
  const audit = useRunAudit(runId, history.data?.length ?? 0);
  if (run.isPending) return <Stack><Skeleton h={28} w={320} /><Skeleton h={240} /></Stack>;
  if (run.isError) return <ErrorAlert error={run.error} title="Could not load this run" />;
  const r = run.data;
  const steps = new Map((sop.data?.steps ?? []).map((s) => [s.id, s]));
  const narrative = readRunNarrative(history.data ?? []);

  return (
    <Stack gap="lg">
      <AnchorLink to="/sops/$sopId" params={{ sopId: r.sopId }} size="sm" c="dimmed">← {sop.data?.title ?? 'SOP'}</AnchorLink>
      <Group gap="sm" align="center">
        <Title order={1} size="h3">Run <Text span ff="monospace" inherit>{r.runId}</Text></Title>
        <RunStatusBadge status={r.status} />
        {live ? <Text size="xs" c="dimmed">live — updates every second</Text> : null}
        <Group gap="sm" ml="auto">
          <Anchor href={`/api/runs/${encodeURIComponent(r.runId)}/osoplog`} download={`${r.runId}.osoplog`} size="sm">Download .osoplog</Anchor>
          {live ? <RunCancelButton runId={r.runId} /> : null}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Fact label="Started" value={<When iso={r.started_at} />} />
        <Fact label="Duration" value={r.ended_at === null ? `${formatDuration(r.started_at, new Date().toISOString())} so far` : formatDuration(r.started_at, r.ended_at)} />
        <Fact label="Started by" value={r.startedBy} />
        <Fact label="Trigger" value={r.trigger} />
        <RunAuditStatus audit={audit.data} error={audit.isError} />
      </SimpleGrid>
      {r.error !== null ? (
        <Alert color="red" variant="light" title="The run failed">
          <Text size="sm">{r.error.code}: {r.error.message}</Text>
        </Alert>
      ) : null}
      {narrative.cancelled !== null ? (
        <Text size="sm">Cancelled{narrative.cancelled.by === null ? '' : ` by ${narrative.cancelled.by}`} — “{narrative.cancelled.reason}”</Text>
      ) : null}
      {r.waiting_for.length > 0 ? (
        <Paper withBorder radius="md" px="md" py="sm" className={classes.card}>
          <Text size="sm" fw={500}>Waiting for</Text>
          {r.waiting_for.map((w) => <Text key={w} size="sm" c="dimmed">{w}</Text>)}
          <AnchorLink to="/tasks" size="sm">Open the task inbox</AnchorLink>
        </Paper>
      ) : null}
      <Paper withBorder radius="md" p="lg" className={classes.card}>
        <Timeline bulletSize={14} lineWidth={2} active={lastReached(r.steps)} aria-label="Steps of this run">
          {r.steps.map((step) => {
            const meta = steps.get(step.id);
            const performer = performerOf(step, meta);
            const duration = stepDuration(step);
            const words = describeStepState(step, r.tasks.find((t) => t.step === step.id));
            return (
              <Timeline.Item key={step.id} color={BULLET[step.state]} lineVariant={step.state === 'todo' ? 'dashed' : 'solid'}
                bullet={<span aria-hidden />} title={
                  <Group gap="sm"><Text size="sm" fw={500}>{meta?.title ?? step.id}</Text><StepStateBadge state={step.state} label={words.label} /></Group>
                }>
                <Text size="sm" mt={2}>{words.explanation}</Text>
                <Group gap="lg" mt={4}>
                  {performer !== null ? <Text size="xs" c="dimmed">{performer}</Text> : null}
                  {duration !== null ? <Text size="xs" c="dimmed">{duration}</Text> : null}
                  {step.attempts > 1 ? <Text size="xs" c="dimmed">{step.attempts} attempts</Text> : null}
                  <Text size="xs" c="dimmed" ff="monospace" title="The engine's state of this step">{words.code}</Text>
                </Group>
                <StepEvents stepId={step.id} narrative={narrative} />
              </Timeline.Item>
            );
          })}
        </Timeline>
      </Paper>
    </Stack>
  );
}

/**
 * A step's escalations (code and message, marked in words), the decisions people took on it with their
 * reasons, and its child runs: a link to each that ran, plain text for one never started.
 */
function StepEvents({ stepId, narrative }: { stepId: string; narrative: RunNarrative }) {
  const escalations = narrative.escalations.filter((e) => e.stepId === stepId);
  const decisions = narrative.decisions.filter((d) => d.stepId === stepId);
  const children = narrative.children.filter((c) => c.stepId === stepId);
  if (escalations.length === 0 && decisions.length === 0 && children.length === 0) return null;
  return (
    <Stack gap={2} mt={4}>
      {escalations.map((e) => (
        <Text key={`e-${e.at}-${e.code}`} size="sm"><Text span fw={600} inherit>Escalated ({e.code})</Text>: {e.message} · <When iso={e.at} /></Text>
      ))}
      {decisions.map((d) => <Text key={`d-${d.at}-${d.by}`} size="sm">{describeDecision(d)} · <When iso={d.at} /></Text>)}
      {children.length > 0 ? (
        <Stack gap={0} aria-label="Child runs">
          {children.map((c) => (
            <Text key={c.runId} size="sm">
              Child run{' '}
              {c.started
                ? <AnchorLink to="/runs/$runId" params={{ runId: c.runId }} size="sm" ff="monospace">{c.runId}</AnchorLink>
                : <Text span ff="monospace" inherit>{c.runId}</Text>}
              {' '}— {describeChild(c)}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** Index of the last step the run reached (the timeline colours up to it); -1 before any. */
function lastReached(steps: readonly RunStep[]): number {
  let last = -1;
  steps.forEach((s, i) => { if (s.state !== 'todo') last = i; });
  return last;
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Paper withBorder radius="md" px="md" py="xs" className={classes.card}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" fw={500}>{value}</Text>
    </Paper>
  );
}
