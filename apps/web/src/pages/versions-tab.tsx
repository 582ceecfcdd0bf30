import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { SopDetail } from '../api/api-types';
import { useArchiveSop, useCreateDraft, usePublishVersion, useVersions, type SopVersionView } from '../api/version-queries';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import { VersionsDiff, versionLabel } from './versions-diff';
import classes from './pages.module.css';

/** What the confirmation dialog is asking about. */
type Pending = { action: 'publish'; version: SopVersionView } | { action: 'archive' };

/** Pure; the pair compared first: the newest version against the one before it (null when there is one version). */
export function defaultComparison(versions: readonly SopVersionView[]): { from: string | null; to: string | null } {
  if (versions.length < 2) return { from: null, to: null };
  const newest = versions[versions.length - 1]!;
  const current = versions.find((v) => v.current);
  const from = current !== undefined && current.id !== newest.id ? current : versions[versions.length - 2]!;
  return { from: from.id, to: newest.id };
}

/**
 * The SOP's versions, newest first (state, content hash, certification, who approved and when);
 * "Publish" a draft and "Archive" the SOP after a confirmation, "New draft" from a published
 * version; any two versions compared side by side. Errors show beside the action that failed.
 */
export function VersionsTab({ sop }: { sop: SopDetail }) {
  const versions = useVersions(sop.id);
  const createDraft = useCreateDraft(sop.id);
  const [chosen, setChosen] = useState<{ from: string | null; to: string | null } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  if (versions.isPending) return <Skeleton h={200} />;
  if (versions.isError) return <ErrorAlert error={versions.error} title="Could not load the versions" />;
  const list = versions.data;
  const comparison = chosen ?? defaultComparison(list);
  const openDraft = list.find((v) => v.state === 'draft');
  const archived = sop.status === 'archived';

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {list.length} version{list.length === 1 ? '' : 's'}; the SOP runs v{sop.version.semver}.
          {openDraft !== undefined ? ` Draft v${openDraft.semver} is open.` : ''}
        </Text>
        <Group gap="xs">
          {archived ? <Text size="xs" c="dimmed" id="archive-reason">This SOP is archived.</Text> : null}
          <Button variant="default" color="red" onClick={() => setPending({ action: 'archive' })} disabled={archived} aria-describedby={archived ? 'archive-reason' : undefined}>
            Archive
          </Button>
        </Group>
      </Group>

      {createDraft.isError ? <ErrorAlert error={createDraft.error} title="The new draft was not created" /> : null}
      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table verticalSpacing="sm" horizontalSpacing="md" className={classes.table} aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th><Table.Th>State</Table.Th><Table.Th>Content hash</Table.Th><Table.Th>Certification</Table.Th>
              <Table.Th>Approved</Table.Th><Table.Th>Created</Table.Th><Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...list].reverse().map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" ff="monospace" fw={500}>v{v.semver}</Text>
                    {v.current ? <Badge size="xs" radius="sm" tt="none" variant="light">current</Badge> : null}
                  </Group>
                </Table.Td>
                <Table.Td><Badge size="sm" radius="sm" tt="none" variant="light" color={v.state === 'draft' ? 'yellow' : 'teal'}>{v.state}</Badge></Table.Td>
                <Table.Td><Text size="sm" ff="monospace" title={v.contentHash}>{v.contentHash.slice(0, 12)}</Text></Table.Td>
                <Table.Td><Text size="sm">{v.certification}</Text></Table.Td>
                <Table.Td>
                  {v.approvedBy === null ? <Text size="sm" c="dimmed">not yet</Text> : <Text size="sm">{v.approvedBy}, {formatWhen(v.approvedAt!)}</Text>}
                </Table.Td>
                <Table.Td><Text size="sm">{v.createdBy}, {formatWhen(v.createdAt)}</Text></Table.Td>
                <Table.Td>
                  {v.state === 'draft' ? (
                    <Button size="xs" onClick={() => setPending({ action: 'publish', version: v })} disabled={archived} aria-label={`Publish v${v.semver}`}>Publish</Button>
                  ) : (
                    <Button size="xs" variant="default" loading={createDraft.isPending && createDraft.variables === v.id} disabled={sop.status !== 'active' || openDraft !== undefined}
                      aria-label={`New draft from v${v.semver}`}
                      title={sop.status !== 'active' ? 'A new draft starts from an active SOP.' : openDraft !== undefined ? `Draft v${openDraft.semver} is already open; publish it first.` : undefined}
                      onClick={() => createDraft.mutate(v.id, { onSuccess: ({ version }) => setChosen({ from: v.id, to: version.id }) })}>
                      New draft
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <VersionsDiff sopId={sop.id} versions={list} from={comparison.from} to={comparison.to} onChange={(from, to) => setChosen({ from, to })} />
      {pending !== null ? <ConfirmDialog sopId={sop.id} title={sop.title} pending={pending} onClose={() => setPending(null)} /> : null}
    </Stack>
  );
}

/** Asks before publishing or archiving; a refusal stays in the dialog, in words. */
function ConfirmDialog({ sopId, title, pending, onClose }: { sopId: string; title: string; pending: Pending; onClose(): void }) {
  const publish = usePublishVersion(sopId);
  const archive = useArchiveSop(sopId);
  const mutation = pending.action === 'publish' ? publish : archive;
  const confirm = () => {
    if (pending.action === 'publish') publish.mutate(pending.version.id, { onSuccess: onClose });
    else archive.mutate(undefined, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={pending.action === 'publish' ? `Publish ${versionLabel(pending.version)}?` : `Archive “${title}”?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Text size="sm">
          {pending.action === 'publish'
            ? 'The SOP runs this version from now on, and you are recorded as its approver. Runs already in flight keep their version.'
            : 'The SOP no longer runs; its versions and runs stay readable.'}
        </Text>
        {mutation.isError ? <ErrorAlert error={mutation.error} title={pending.action === 'publish' ? 'The version was not published' : 'The SOP was not archived'} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color={pending.action === 'archive' ? 'red' : undefined} onClick={confirm} loading={mutation.isPending}>
            {pending.action === 'publish' ? `Publish v${pending.version.semver}` : 'Archive SOP'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
