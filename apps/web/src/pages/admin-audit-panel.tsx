import { Alert, Badge, Button, Group, List, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useAuditLog, useAuditVerdict, type AdminLogVerdict } from '../api/admin-queries';
import { ErrorAlert } from '../components/error-alert';
import { When } from '../components/when';
import classes from './pages.module.css';

/** The tenant's administrative audit log, newest first, with a Verify button that has the server check its chain. */
export function AdminAuditPanel() {
  const audit = useAuditLog();
  const verdict = useAuditVerdict();
  const broken = new Set(verdict.data?.breaks.flatMap((b) => (b.rowId === null ? [] : [b.rowId])) ?? []);
  const verify = (
    <Stack gap="xs">
      <Group gap="sm">
        <Button size="xs" variant="light" loading={verdict.isFetching} onClick={() => void verdict.refetch()}>Verify</Button>
        <Text size="xs" c="dimmed">Recomputes every row&apos;s link and the log&apos;s signed head on the server.</Text>
      </Group>
      {verdict.isError ? <ErrorAlert error={verdict.error} title="Could not verify the audit log" /> : null}
      {verdict.data !== undefined && !verdict.isFetching ? <VerdictAlert verdict={verdict.data} /> : null}
    </Stack>
  );
  if (audit.isPending) return <Skeleton h={160} />;
  if (audit.isError) return <ErrorAlert error={audit.error} title="Could not load the audit log" />;
  if (audit.data.length === 0) return <Stack>{verify}<Text size="sm" c="dimmed">Nothing recorded yet.</Text></Stack>;
  return (
    <Stack>
      {verify}
      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table className={classes.table} verticalSpacing="xs" horizontalSpacing="md" aria-label="Audit log">
          <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Who</Table.Th><Table.Th>Action</Table.Th><Table.Th>Target</Table.Th><Table.Th>Details</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {audit.data.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td><Text size="sm"><When iso={e.at} /></Text></Table.Td>
                <Table.Td><Text size="sm">{e.actor}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">{e.action}</Text>
                  {broken.has(e.id) ? <Badge color="red" variant="light" size="sm">broken</Badge> : null}
                </Table.Td>
                <Table.Td><Text size="sm" ff="monospace">{e.target}</Text></Table.Td>
                <Table.Td maw={360}><AuditDetails details={e.details} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

/** How many of a row's details show before the "more" disclosure. */
const DETAILS_SHOWN = 3;

/** Pure; an audit row's details as key–value pairs: strings as they are, anything else as compact JSON; details that are not an object are one pair, "value". */
export function detailPairs(details: unknown): [string, string][] {
  if (details === null || details === undefined) return [];
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));
  if (typeof details !== 'object' || Array.isArray(details)) return [['value', show(details)]];
  return Object.entries(details).map(([key, value]) => [key, show(value)]);
}

/** A row's details as "key: value" lines, the first few shown and the rest behind a "N more" disclosure. */
function AuditDetails({ details }: { details: unknown }) {
  const pairs = detailPairs(details);
  const line = ([key, value]: [string, string]) => (
    <Text key={key} size="xs" className={classes.wrapAnywhere}><Text span c="dimmed" inherit>{key}:</Text> {value}</Text>
  );
  return (
    <Stack gap={0}>
      {pairs.slice(0, DETAILS_SHOWN).map(line)}
      {pairs.length > DETAILS_SHOWN ? (
        <details>
          <Text component="summary" size="xs" c="dimmed">{pairs.length - DETAILS_SHOWN} more</Text>
          {pairs.slice(DETAILS_SHOWN).map(line)}
        </details>
      ) : null}
    </Stack>
  );
}

/** The verdict in words: intact with the rows checked, or each broken row (seq, id) with the server's message. */
function VerdictAlert({ verdict }: { verdict: AdminLogVerdict }) {
  if (verdict.ok) {
    return <Alert color="teal" variant="light" title="Audit log intact" role="status">{verdict.rowsChecked} row(s) checked: every link and the head match.</Alert>;
  }
  return (
    <Alert color="red" variant="light" title={`Audit log broken: ${verdict.breaks.length} problem(s) in ${verdict.rowsChecked} row(s)`} role="alert">
      <List size="sm" spacing={4}>
        {verdict.breaks.map((b) => (
          <List.Item key={`${b.seq}-${b.rowId ?? 'head'}`}>
            <Text size="sm" span fw={600}>{b.seq === 0 ? 'The head' : `Row ${b.seq}`}{b.rowId === null ? '' : ` (${b.rowId})`}, {b.problem}:</Text> {b.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
