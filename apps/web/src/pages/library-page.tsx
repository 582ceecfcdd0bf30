import { memo, useMemo } from 'react';
import { Group, Paper, SegmentedControl, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useSops, useWorkstreams } from '../api/queries';
import type { RunRef, SopSummary, Workstream } from '../api/api-types';
import { ErrorAlert } from '../components/error-alert';
import { formatDuration, formatWhen } from '../components/format-time';
import { RunStatusBadge, SopStatusBadge } from '../components/state-badges';
import { filterSops, NO_WORKSTREAM, type SopSort } from './filter-sops';
import classes from './pages.module.css';
import { AnchorLink, ButtonLink } from '../components/anchor-link';

const STATUSES = [
  { value: 'all', label: 'All' }, { value: 'active', label: 'Active' }, { value: 'draft', label: 'Draft' }, { value: 'archived', label: 'Archived' },
];
const SORTS = [{ value: 'title', label: 'Title' }, { value: 'updated', label: 'Recently updated' }, { value: 'status', label: 'Status' }];

/** The SOP library: every SOP with status, workstream, version, steps and last run; filters, search and sorting kept in the address. */
export function LibraryPage() {
  const search = useSearch({ from: '/app/' });
  const navigate = useNavigate({ from: '/' });
  const sops = useSops();
  const workstreams = useWorkstreams();
  const sort: SopSort = search.sort ?? 'title';
  const shown = useMemo(() => filterSops(sops.data ?? [], search), [sops.data, search]);
  const names = useMemo(() => new Map((workstreams.data ?? []).map((w) => [w.id, w.name])), [workstreams.data]);
  const set = (patch: Record<string, string | undefined>) => void navigate({ search: (prev) => clean({ ...prev, ...patch }), replace: true });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h3">Library</Title>
          <Text size="sm" c="dimmed">{sops.data === undefined ? 'Loading SOPs…' : `${shown.length} of ${sops.data.length} SOPs`}</Text>
        </div>
        <ButtonLink to="/import" variant="default">Import SOPs</ButtonLink>
      </Group>

      <Group gap="sm" wrap="wrap">
        <TextInput aria-label="Search SOPs" placeholder="Search SOPs" type="search" value={search.q ?? ''} w={280}
          onChange={(e) => set({ q: e.currentTarget.value === '' ? undefined : e.currentTarget.value })} />
        <SegmentedControl aria-label="Status" size="sm" data={STATUSES} value={search.status ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v })} />
        <Select aria-label="Workstream" placeholder="All workstreams" size="sm" w={200} clearable data={workstreamOptions(workstreams.data)}
          value={search.workstream ?? null} onChange={(v) => set({ workstream: v ?? undefined })} />
        <Select aria-label="Sort by" size="sm" w={180} data={SORTS} value={sort} allowDeselect={false}
          onChange={(v) => set({ sort: v === 'title' || v === null ? undefined : v })} />
      </Group>

      {sops.isError ? <ErrorAlert error={sops.error} title="Could not load the library" /> : null}
      {workstreams.isError ? <ErrorAlert error={workstreams.error} title="Could not load the workstreams" /> : null}

      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover className={classes.table}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>SOP</Table.Th><Table.Th>Status</Table.Th><Table.Th>Workstream</Table.Th><Table.Th>Version</Table.Th>
              <Table.Th ta="right">Steps</Table.Th><Table.Th>Last run</Table.Th><Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {/* Rows wait for the workstreams too, so a row never shows a workstream's id before its name. */}
            {sops.isPending || workstreams.isPending ? <LoadingRows /> : shown.map((sop) => <SopRow key={sop.id} sop={sop} workstream={sop.workstreamId === null ? null : names.get(sop.workstreamId) ?? sop.workstreamId} />)}
          </Table.Tbody>
        </Table>
        {sops.data !== undefined && shown.length === 0 ? (
          <Stack align="center" gap={4} py="xl">
            <Text fw={500}>{sops.data.length === 0 ? 'No SOPs yet' : 'No SOP matches'}</Text>
            <Text size="sm" c="dimmed">{sops.data.length === 0 ? 'Import a document or add an .osop file to start.' : 'Change the search or clear a filter.'}</Text>
          </Stack>
        ) : null}
      </Paper>
    </Stack>
  );
}

/**
 * One SOP's row. Memoised (a page of 200 more rows, or a letter typed in the search, renders only
 * the rows that changed) and plain inside its cells: 500 rows of Mantine `Text` and `Group`
 * components cost more main-thread time than the class names that style them the same.
 */
const SopRow = memo(function SopRow({ sop, workstream }: { sop: SopSummary; workstream: string | null }) {
  return (
    <Table.Tr>
      <Table.Td>
        <AnchorLink to="/sops/$sopId" params={{ sopId: sop.id }} fw={500} c="inherit" className={classes.rowLink}>{sop.title}</AnchorLink>
        <div className={`${classes.xs} ${classes.dimmed} ${classes.mono}`}>{sop.workflowId}</div>
      </Table.Td>
      <Table.Td><SopStatusBadge status={sop.status} /></Table.Td>
      <Table.Td className={workstream === null ? `${classes.sm} ${classes.dimmed}` : classes.sm}>{workstream ?? '—'}</Table.Td>
      <Table.Td className={`${classes.sm} ${classes.mono}`}>v{sop.version.semver}</Table.Td>
      <Table.Td className={`${classes.sm} ${classes.numeric}`}>{sop.stepCount}</Table.Td>
      <Table.Td><LastRun run={sop.lastRun} /></Table.Td>
      <Table.Td className={`${classes.sm} ${classes.dimmed}`}>{formatWhen(sop.updatedAt)}</Table.Td>
    </Table.Tr>
  );
});

/** The SOP's newest run: its status and when it started (and how long it took), or "Never". */
function LastRun({ run }: { run: RunRef | null }) {
  if (run === null) return <span className={`${classes.sm} ${classes.dimmed}`}>Never</span>;
  return (
    <div className={classes.inlineGroup}>
      <RunStatusBadge status={run.status} />
      <span className={`${classes.xs} ${classes.dimmed}`}>{formatWhen(run.startedAt)}{run.endedAt === null ? '' : ` · ${formatDuration(run.startedAt, run.endedAt)}`}</span>
    </div>
  );
}

function LoadingRows() {
  return Array.from({ length: 4 }, (_, i) => (
    <Table.Tr key={i}>{Array.from({ length: 7 }, (_, j) => <Table.Td key={j}><Skeleton h={14} radius="sm" /></Table.Td>)}</Table.Tr>
  ));
}

function workstreamOptions(list: Workstream[] | undefined) {
  return [...(list ?? []).map((w) => ({ value: w.id, label: w.name })), { value: NO_WORKSTREAM, label: 'No workstream' }];
}

function clean(search: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(search).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}
