import { Paper, Skeleton, Table, Text } from '@mantine/core';
import { useAuditLog } from '../api/admin-queries';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import classes from './pages.module.css';

/** The tenant's administrative audit log, newest first. */
export function AdminAuditPanel() {
  const audit = useAuditLog();
  if (audit.isPending) return <Skeleton h={160} />;
  if (audit.isError) return <ErrorAlert error={audit.error} title="Could not load the audit log" />;
  if (audit.data.length === 0) return <Text size="sm" c="dimmed">Nothing recorded yet.</Text>;
  return (
    <Paper withBorder radius="md" className={classes.tablePaper}>
      <Table className={classes.table} verticalSpacing="xs" horizontalSpacing="md" aria-label="Audit log">
        <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Who</Table.Th><Table.Th>Action</Table.Th><Table.Th>Target</Table.Th><Table.Th>Details</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {audit.data.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td><Text size="sm">{formatWhen(e.at)}</Text></Table.Td>
              <Table.Td><Text size="sm">{e.actor}</Text></Table.Td>
              <Table.Td><Text size="sm" ff="monospace">{e.action}</Text></Table.Td>
              <Table.Td><Text size="sm" ff="monospace">{e.target}</Text></Table.Td>
              <Table.Td maw={360}><Text size="xs" c="dimmed" lineClamp={2}>{e.details === null || e.details === undefined ? '' : JSON.stringify(e.details)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
