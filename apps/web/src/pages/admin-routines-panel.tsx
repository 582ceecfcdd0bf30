import { Badge, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useRoutines } from '../api/admin-queries';
import { useSops } from '../api/queries';
import { AnchorLink } from '../components/anchor-link';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import classes from './pages.module.css';

/** Every active SOP's routine: on or off, schedule, time zone, next and last fire. */
export function AdminRoutinesPanel() {
  const sops = useSops();
  const active = (sops.data ?? []).filter((s) => s.status === 'active');
  const routines = useRoutines(active);
  if (sops.isPending) return <Skeleton h={160} />;
  if (sops.isError) return <ErrorAlert error={sops.error} title="Could not load the SOPs" />;
  const rows = active.map((sop, i) => ({ sop, routine: routines[i]?.data ?? null, loading: routines[i]?.isPending ?? true }));
  const withRoutine = rows.filter((r) => r.routine !== null);
  const loading = rows.some((r) => r.loading);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{loading ? 'Reading the routines…' : `${withRoutine.length} of ${active.length} active SOPs have a routine. Set one on the SOP's Runs tab.`}</Text>
      {withRoutine.length > 0 ? (
        <Paper withBorder radius="md" className={classes.tablePaper}>
          <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-label="Routines">
            <Table.Thead><Table.Tr><Table.Th>SOP</Table.Th><Table.Th>Status</Table.Th><Table.Th>Schedule</Table.Th><Table.Th>Time zone</Table.Th><Table.Th>Next fire</Table.Th><Table.Th>Last fired</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {withRoutine.map(({ sop, routine }) => (
                <Table.Tr key={sop.id}>
                  <Table.Td><AnchorLink to="/sops/$sopId" params={{ sopId: sop.id }} search={{ tab: 'runs' }} size="sm">{sop.title}</AnchorLink></Table.Td>
                  <Table.Td><Badge variant="light" color={routine!.enabled ? 'teal' : 'gray'} tt="none">{routine!.enabled ? 'on' : 'off'}</Badge></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{routine!.schedule}</Text></Table.Td>
                  <Table.Td><Text size="sm">{routine!.timezone}</Text></Table.Td>
                  <Table.Td><Text size="sm">{routine!.enabled ? formatWhen(routine!.nextFireAt) : '—'}</Text></Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{formatWhen(routine!.lastFiredAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}
