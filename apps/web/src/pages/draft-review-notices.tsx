import type { ReactNode } from 'react';
import { Button, List, Paper, Skeleton, Stack, Text } from '@mantine/core';
import type { SopDetail } from '../api/api-types';
import { AnchorLink } from '../components/anchor-link';
import { ErrorAlert } from '../components/error-alert';
import { useOpenDraft, useStartDraft, type SaveDiagnostic, type VersionView } from './draft-review-queries';

/** The SOP's open draft: its version and .osop text. */
export interface OpenDraftProps { sop: SopDetail; version: VersionView; text: string }

/** Loads the SOP's open draft and renders `children` with it (keyed by the version); loading, an error and no draft are shown here. */
export function WithOpenDraft({ sopId, children }: { sopId: string; children(draft: OpenDraftProps): ReactNode }) {
  const open = useOpenDraft(sopId);
  if (open.isPending) return <Stack><Skeleton h={28} w={320} /><Skeleton h={420} /></Stack>;
  if (open.isError) return <ErrorAlert error={open.error} title="Could not load this draft" />;
  const { sop, draft } = open.data;
  if (draft === null) return <NoOpenDraft sop={sop} />;
  return children({ sop, version: draft.version, text: draft.text });
}

/** Diagnostics with their line and column, in words (`label` names the list for screen readers). */
export function DiagnosticList({ diagnostics, label }: { diagnostics: readonly SaveDiagnostic[]; label: string }) {
  if (diagnostics.length === 0) return null;
  return (
    <List size="sm" spacing={2} aria-label={label}>
      {diagnostics.map((d, i) => (
        <List.Item key={i}>
          <Text span size="sm" fw={500}>{d.line > 0 ? `Line ${d.line}, column ${d.column}` : 'The document'}:</Text>{' '}
          <Text span size="sm">{d.message}</Text> <Text span size="xs" c="dimmed" ff="monospace">({d.code}{d.severity === 'error' ? '' : `, ${d.severity}`})</Text>
        </List.Item>
      ))}
    </List>
  );
}

/** Shown when the SOP has no unpublished version: an active SOP can start one from its current version. */
export function NoOpenDraft({ sop }: { sop: SopDetail }) {
  const start = useStartDraft(sop.id);
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm" align="flex-start">
        <Text fw={500}>{sop.title} has no draft.</Text>
        <Text size="sm" c="dimmed">
          {sop.status === 'active' ? `Every version is published; v${sop.version.semver} runs now. Start a new draft to change it.` : `The SOP is ${sop.status}; it takes no new drafts.`}
        </Text>
        {sop.status === 'active' ? <Button onClick={() => start.mutate()} loading={start.isPending}>Start a new draft</Button> : null}
        {start.isError ? <ErrorAlert error={start.error} title="No draft was started" /> : null}
        <AnchorLink to="/sops/$sopId" params={{ sopId: sop.id }} size="sm">Open {sop.title}</AnchorLink>
      </Stack>
    </Paper>
  );
}
