import { Badge, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useRoutines, type TenantRoutine } from '../api/admin-queries';
import { AnchorLink } from '../components/anchor-link';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import classes from './pages.module.css';

/** Pure; how the routine's last fire went, in words: "started r-…", "skipped, a run was in flight", "failed — why", or "never fired". */
export function describeLastFire(fire: TenantRoutine['lastFire']): string {
  if (fire === null) return 'never fired';
  const when = formatWhen(fire.at);
  switch (fire.outcome) {
    case 'started': return `${when}: started ${fire.runId ?? 'a run'}`;
    case 'skipped_in_flight': return `${when}: skipped, a run was in flight`;
    default: return `${when}: ${fire.outcome.replace(/_/g, ' ')}${fire.message === null ? '' : ` — ${fire.message}`}`;
  }
}

/** Every routine of the tenant (`GET /api/routines`): on or off, schedule, time zone, next fire and how the last one went. */
export function AdminRoutinesPanel() {
  const routines = useRoutines();
  if (routines.isPending) return <Skeleton h={160} />;
  if (routines.isError) return <ErrorAlert error={routines.error} title="Could not load the routines" />;
  const on = routines.data.filter((r) => r.enabled).length;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{`${routines.data.length} ${routines.data.length === 1 ? 'routine' : 'routines'}, ${on} on. Set one on the SOP's Runs tab.`}</Text>
      {routines.data.length > 0 ? (
        <Paper withBorder radius="md" className={classes.tablePaper}>
          <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-label="Routines">
            <Table.Thead><Table.Tr><Table.Th>SOP</Table.Th><Table.Th>Status</Table.Th><Table.Th>Schedule</Table.Th><Table.Th>Time zone</Table.Th><Table.Th>Next fire</Table.Th><Table.Th>Last fire</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {routines.data.map((routine) => (
                <Table.Tr key={routine.sopId}>
                  <Table.Td><AnchorLink to="/sops/$sopId" params={{ sopId: routine.sopId }} search={{ tab: 'runs' }} size="sm">{routine.sopTitle}</AnchorLink></Table.Td>
                  <Table.Td><Badge variant="light" color={routine.enabled ? 'teal' : 'gray'} tt="none">{routine.enabled ? 'on' : 'off'}</Badge></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{routine.schedule}</Text></Table.Td>
                  <Table.Td><Text size="sm">{routine.timezone}</Text></Table.Td>
                  <Table.Td><Text size="sm">{routine.enabled ? formatWhen(routine.nextFireTimes[0]) : '—'}</Text></Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{describeLastFire(routine.lastFire)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}
