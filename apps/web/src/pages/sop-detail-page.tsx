import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Group, Paper, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { keys, useSop, useStartRun } from '../api/queries';
import { useRunEvents } from '../api/use-run-events';
import { isInFlight, type RunHandle, type SopDetail } from '../api/api-types';
import { ErrorAlert } from '../components/error-alert';
import { formatDuration, formatWhen } from '../components/format-time';
import { When } from '../components/when';
import { RunStatusBadge, SopStatusBadge } from '../components/state-badges';
import type { SopTab } from '../router';
import { DebriefTab } from './debrief-tab';
import { DelegationTab } from './delegation-tab';
import { OpportunitiesTab } from './opportunities-tab';
import { RoutinePanel } from './routine-panel';
import { SopGraphTab } from './sop-graph-tab';
import { StepsTable } from './steps-table';
import { VersionsTab } from './versions-tab';
import classes from './pages.module.css';
import { AnchorLink } from '../components/anchor-link';

/** Pure; why Run is unavailable, in words, or null when it can start. */
export function runBlockedReason(sop: Pick<SopDetail, 'status' | 'run' | 'allowOverlap'>): string | null {
  if (sop.status !== 'active') return `Only active SOPs can run; this one is ${sop.status === 'draft' ? 'a draft — publish it first' : sop.status}.`;
  if (sop.run !== null && isInFlight(sop.run.status) && !sop.allowOverlap) return `A run is in flight (${sop.run.status}, started ${formatWhen(sop.run.startedAt)}); Run is available again when it ends.`;
  return null;
}

/** One SOP: header with status and version, Run, the live Steps, recent Runs with the routine, Opportunities, Debrief and Delegation. */
export function SopDetailPage() {
  const { sopId } = useParams({ from: '/app/sops/$sopId' });
  const { tab } = useSearch({ from: '/app/sops/$sopId' });
  const navigate = useNavigate({ from: '/sops/$sopId' });
  const client = useQueryClient();
  const [liveRun, setLiveRun] = useState<string | null>(null);
  const streaming = useRunEvents(liveRun, () => void client.invalidateQueries({ queryKey: keys.sop(sopId) }));
  const sop = useSop(sopId, true, streaming);
  const startRun = useStartRun(sopId);
  const inFlightRun = sop.data?.run !== null && sop.data?.run !== undefined && isInFlight(sop.data.run.status) ? sop.data.run.runId : null;
  useEffect(() => { if (inFlightRun !== null) setLiveRun(inFlightRun); }, [inFlightRun]);
  const progress = sop.data === undefined ? '' : `${sop.data.run?.status ?? ''}:${sop.data.steps.map((x) => x.state).join(',')}`;
  // A step changing state may open or close a task: the inbox count follows.
  useEffect(() => { if (progress !== '') void client.invalidateQueries({ queryKey: ['tasks'] }); }, [progress, client]);

  if (sop.isPending) return <Stack><Skeleton h={28} w={320} /><Skeleton h={200} /></Stack>;
  if (sop.isError) return <ErrorAlert error={sop.error} title="Could not load this SOP" />;
  const s = sop.data;
  const blocked = runBlockedReason(s);
  const live = s.run !== null && isInFlight(s.run.status);

  return (
    <Stack gap="lg">
      <AnchorLink to="/" size="sm" c="dimmed">← Library</AnchorLink>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Title order={1} size="h3">{s.title}</Title>
          <Group gap="xs">
            <SopStatusBadge status={s.status} />
            <Text size="sm" ff="monospace">v{s.version.semver}</Text>
            <Text size="sm" c="dimmed">·</Text>
            <Text size="sm" c="dimmed">certification: {s.version.certification}</Text>
            {s.version.approvedBy !== null ? <><Text size="sm" c="dimmed">·</Text><Text size="sm" c="dimmed">approved by {s.version.approvedBy}</Text></> : null}
          </Group>
          {s.description !== null && s.description !== '' ? <Text size="sm" c="dimmed" maw={720}>{s.description}</Text> : null}
        </Stack>
        <Stack gap={6} align="flex-end" maw={360}>
          <Button onClick={() => startRun.mutate()} disabled={blocked !== null || startRun.isPending} loading={startRun.isPending}
            aria-describedby={blocked !== null ? 'run-blocked-reason' : undefined}>
            Run
          </Button>
          {blocked !== null ? <Text id="run-blocked-reason" size="xs" c="dimmed" ta="right">{blocked}</Text> : null}
        </Stack>
      </Group>

      {startRun.isError ? <ErrorAlert error={startRun.error} title="The run did not start" /> : null}
      {s.run !== null ? <CurrentRun run={s.run} live={live} streaming={streaming} /> : null}

      <Tabs value={tab ?? 'steps'} onChange={(v) => void navigate({ search: v === null || v === 'steps' ? {} : { tab: v as SopTab }, replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="steps">Steps <Badge size="xs" variant="light" color="gray" ml={4}>{s.steps.length}</Badge></Tabs.Tab>
          <Tabs.Tab value="graph">Graph</Tabs.Tab>
          <Tabs.Tab value="runs">Runs</Tabs.Tab>
          <Tabs.Tab value="versions">Versions</Tabs.Tab>
          <Tabs.Tab value="opportunities">Opportunities</Tabs.Tab>
          <Tabs.Tab value="debrief">Debrief</Tabs.Tab>
          <Tabs.Tab value="delegation">Delegation</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="steps" pt="md">
          <StepsTable steps={s.steps} live={live} />
        </Tabs.Panel>
        <Tabs.Panel value="graph" pt="md"><SopGraphTab sop={s} /></Tabs.Panel>
        <Tabs.Panel value="runs" pt="md">
          <Stack gap="md">
            <RoutinePanel sop={s} />
            <RecentRuns runs={s.runs} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md"><VersionsTab sop={s} /></Tabs.Panel>
        <Tabs.Panel value="opportunities" pt="md"><OpportunitiesTab sopId={s.id} /></Tabs.Panel>
        <Tabs.Panel value="debrief" pt="md"><DebriefTab sopId={s.id} /></Tabs.Panel>
        <Tabs.Panel value="delegation" pt="md"><DelegationTab sopId={s.id} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CurrentRun({ run, live, streaming }: { run: RunHandle; live: boolean; streaming: boolean }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" className={classes.card} aria-live="polite">
      <Group justify="space-between">
        <Group gap="sm">
          <Text size="sm" fw={500}>{live ? 'Run in flight' : 'Latest run'}</Text>
          <RunStatusBadge status={run.status} />
          <Text size="sm" c="dimmed">started <When iso={run.startedAt} />{run.endedAt !== null ? ` · took ${formatDuration(run.startedAt, run.endedAt)}` : ''}</Text>
          {live ? <Text size="xs" c="dimmed">{streaming ? 'live — following the run’s events' : 'live — updates every second'}</Text> : null}
        </Group>
        <AnchorLink to="/runs/$runId" params={{ runId: run.runId }} size="sm">Open run {run.runId}</AnchorLink>
      </Group>
    </Paper>
  );
}

function RecentRuns({ runs }: { runs: RunHandle[] }) {
  if (runs.length === 0) return <Text size="sm" c="dimmed">No runs yet. Press Run to start the first.</Text>;
  return (
    <Paper withBorder radius="md" className={classes.tablePaper}>
      <Table verticalSpacing="sm" horizontalSpacing="md" className={classes.table}>
        <Table.Thead>
          <Table.Tr><Table.Th>Run</Table.Th><Table.Th>Status</Table.Th><Table.Th>Started</Table.Th><Table.Th>Duration</Table.Th><Table.Th>Trigger</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((r) => (
            <Table.Tr key={r.runId}>
              <Table.Td><AnchorLink to="/runs/$runId" params={{ runId: r.runId }} size="sm" ff="monospace">{r.runId}</AnchorLink></Table.Td>
              <Table.Td><RunStatusBadge status={r.status} /></Table.Td>
              <Table.Td><Text size="sm"><When iso={r.startedAt} /></Text></Table.Td>
              <Table.Td><Text size="sm">{r.endedAt === null ? 'in flight' : formatDuration(r.startedAt, r.endedAt)}</Text></Table.Td>
              <Table.Td><Text size="sm" c="dimmed">{r.trigger}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
