import { memo, useMemo, useRef } from 'react';
import { Group, Pagination, Paper, SegmentedControl, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useSops, useWorkstreams } from '../api/queries';
import type { RunRef, SopSummary, Workstream } from '../api/api-types';
import { ErrorAlert } from '../components/error-alert';
import { formatDuration } from '../components/format-time';
import { When } from '../components/when';
import { DelegationMixBar } from '../components/delegation-mix';
import { RunStatusBadge, SopStatusBadge } from '../components/state-badges';
import { filterSops, NO_WORKSTREAM, pageOfSops, type SopSort } from './filter-sops';
import classes from './pages.module.css';
import { AnchorLink, ButtonLink } from '../components/anchor-link';

const STATUSES = [
  { value: 'all', label: 'All' }, { value: 'active', label: 'Active' }, { value: 'draft', label: 'Draft' }, { value: 'archived', label: 'Archived' },
];
const SORTS = [{ value: 'title', label: 'Title' }, { value: 'updated', label: 'Recently updated' }, { value: 'status', label: 'Status' }];

/**
 * The SOP library: every SOP with status, workstream, version, steps, delegation mix and last run; filters, search,
 * sorting and the page kept in the address. Search, filters and sorting cover every SOP; the table
 * holds one page of them (LIBRARY_PAGE_SIZE), its row count and each row's index told to screen readers.
 */
export function LibraryPage() {
  const search = useSearch({ from: '/app/' });
  const navigate = useNavigate({ from: '/' });
  const sops = useSops();
  const workstreams = useWorkstreams();
  const { q, status, workstream } = search;
  const sort: SopSort = search.sort ?? 'title';
  const shown = useMemo(() => filterSops(sops.data ?? [], { q, status, workstream, sort }), [sops.data, q, status, workstream, sort]);
  const page = pageOfSops(shown, search.page ?? 1);
  const names = useMemo(() => new Map((workstreams.data ?? []).map((w) => [w.id, w.name])), [workstreams.data]);
  // A changed filter starts again at the first page.
  const set = (patch: Record<string, string | undefined>) => void navigate({ search: (prev) => clean({ ...prev, page: undefined, ...patch }), replace: true });
  const table = useRef<HTMLDivElement>(null);
  const turnTo = (to: number) => {
    void navigate({ search: (prev) => ({ ...prev, page: to > 1 ? to : undefined }), replace: true });
    table.current?.scrollIntoView?.({ block: 'start' });
  };
  const loading = sops.isPending || workstreams.isPending;

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

      <Paper withBorder radius="md" className={classes.tablePaper} ref={table}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover className={classes.table} aria-label="SOPs"
          {...(loading ? {} : { 'aria-rowcount': shown.length + 1 })}>
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <Table.Th>SOP</Table.Th><Table.Th>Status</Table.Th><Table.Th>Workstream</Table.Th><Table.Th>Version</Table.Th>
              <Table.Th ta="right">Steps</Table.Th><Table.Th>Delegation</Table.Th><Table.Th>Last run</Table.Th><Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {/* Rows wait for the workstreams too, so a row never shows a workstream's id before its name. */}
            {loading ? <LoadingRows /> : page.rows.map((sop, i) => (
              <SopRow key={sop.id} sop={sop} index={page.first + i + 2} workstream={sop.workstreamId === null ? null : names.get(sop.workstreamId) ?? sop.workstreamId} />
            ))}
          </Table.Tbody>
        </Table>
        {page.pages > 1 ? (
          <Group justify="space-between" px="md" py="sm" className={classes.tableFooter}>
            <Text size="sm" c="dimmed">SOPs {page.first + 1}–{page.first + page.rows.length} of {shown.length}</Text>
            <nav aria-label="Pages of SOPs">
              <Pagination total={page.pages} value={page.page} onChange={turnTo} size="sm"
                getItemProps={(n) => ({ 'aria-label': `Page ${n}` })} getControlProps={(control) => ({ 'aria-label': `${control === 'previous' ? 'Previous' : 'Next'} page` })} />
            </nav>
          </Group>
        ) : null}
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
 * One SOP's row, `index` its row in the whole filtered table (the header is 1). Memoised (a letter
 * typed in the search renders only the rows that changed) and plain inside its cells: a page of rows
 * of Mantine `Text` and `Group` components costs more main-thread time than the class names that style them the same.
 */
const SopRow = memo(function SopRow({ sop, index, workstream }: { sop: SopSummary; index: number; workstream: string | null }) {
  return (
    <Table.Tr aria-rowindex={index}>
      <Table.Td>
        <AnchorLink to="/sops/$sopId" params={{ sopId: sop.id }} fw={500} c="inherit" className={classes.rowLink}>{sop.title}</AnchorLink>
        <div className={`${classes.xs} ${classes.dimmed} ${classes.mono}`}>{sop.workflowId}</div>
      </Table.Td>
      <Table.Td><SopStatusBadge status={sop.status} /></Table.Td>
      <Table.Td className={workstream === null ? `${classes.sm} ${classes.dimmed}` : classes.sm}>{workstream ?? '—'}</Table.Td>
      <Table.Td className={`${classes.sm} ${classes.mono}`}>v{sop.version.semver}</Table.Td>
      <Table.Td className={`${classes.sm} ${classes.numeric}`}>{sop.stepCount}</Table.Td>
      <Table.Td><DelegationMixBar mix={sop.delegation} /></Table.Td>
      <Table.Td><LastRun run={sop.lastRun} /></Table.Td>
      <Table.Td className={`${classes.sm} ${classes.dimmed}`}><When iso={sop.updatedAt} /></Table.Td>
    </Table.Tr>
  );
});

/** The SOP's newest run: its status and when it started (and how long it took), or "Never". */
function LastRun({ run }: { run: RunRef | null }) {
  if (run === null) return <span className={`${classes.sm} ${classes.dimmed}`}>Never</span>;
  return (
    <div className={classes.inlineGroup}>
      <RunStatusBadge status={run.status} />
      <span className={`${classes.xs} ${classes.dimmed}`}><When iso={run.startedAt} />{run.endedAt === null ? '' : ` · ${formatDuration(run.startedAt, run.endedAt)}`}</span>
    </div>
  );
}

function LoadingRows() {
  return Array.from({ length: 4 }, (_, i) => (
    <Table.Tr key={i}>{Array.from({ length: 8 }, (_, j) => <Table.Td key={j}><Skeleton h={14} radius="sm" /></Table.Td>)}</Table.Tr>
  ));
}

function workstreamOptions(list: Workstream[] | undefined) {
  return [...(list ?? []).map((w) => ({ value: w.id, label: w.name })), { value: NO_WORKSTREAM, label: 'No workstream' }];
}

function clean<T extends object>(search: T): T {
  return Object.fromEntries(Object.entries(search).filter((e) => e[1] !== undefined && e[1] !== '')) as T;
}
