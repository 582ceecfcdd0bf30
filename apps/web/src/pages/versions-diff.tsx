import { Badge, Group, List, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { WorkflowDiff } from '@sopflow/analysis';
import { useVersionDiff, useVersionDocument, type SopVersionView } from '../api/version-queries';
import { ErrorAlert } from '../components/error-alert';
import classes from './pages.module.css';

const SEVERITY_COLOR: Record<string, string> = { critical: 'red', warning: 'orange', info: 'gray' };

/** Pure; how a version is named in pickers and headings: "v1.1.0 (draft)", "v1.0.0 (published, current)". */
export function versionLabel(v: SopVersionView): string {
  return `v${v.semver} (${v.state}${v.current ? ', current' : ''})`;
}

/**
 * Two versions of the SOP side by side: the semantic summary first (most severe first), then each
 * version's steps with what was added, removed, renamed or changed, and the connections that changed.
 */
export function VersionsDiff({ sopId, versions, from, to, onChange }: {
  sopId: string; versions: SopVersionView[]; from: string | null; to: string | null; onChange(from: string | null, to: string | null): void;
}) {
  const diff = useVersionDiff(sopId, from, to);
  const options = [...versions].reverse().map((v) => ({ value: v.id, label: versionLabel(v) }));
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">Compare versions</Title>
      <Group align="flex-end">
        <Select label="From version" data={options} value={from} onChange={(v) => onChange(v, to)} allowDeselect={false} w={260} />
        <Select label="To version" data={options} value={to} onChange={(v) => onChange(from, v)} allowDeselect={false} w={260} />
      </Group>
      {from === null || to === null ? <Text size="sm" c="dimmed">Choose two versions to compare.</Text> : null}
      {diff.isPending && diff.fetchStatus !== 'idle' ? <Skeleton h={160} /> : null}
      {diff.isError ? <ErrorAlert error={diff.error} title="Could not compare these versions" /> : null}
      {diff.data !== undefined ? <DiffBody sopId={sopId} from={diff.data.from} to={diff.data.to} diff={diff.data.diff} /> : null}
    </Stack>
  );
}

function DiffBody({ sopId, from, to, diff }: { sopId: string; from: SopVersionView; to: SopVersionView; diff: WorkflowDiff }) {
  const unchanged = diff.summary.length === 0 && diff.workflowFields.length === 0 && diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length === 0
    && diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length + diff.nodes.renamed.length === 0;
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" p="md" className={classes.card}>
        <Text size="sm" fw={600} mb={6}>Summary</Text>
        {unchanged ? <Text size="sm">No differences: {versionLabel(from)} and {versionLabel(to)} describe the same process.</Text> : null}
        {!unchanged && diff.summary.length === 0 ? <Text size="sm">No change of meaning (approvals, performers, order, failure paths); only the details below.</Text> : null}
        <List spacing={4} size="sm" aria-label="Semantic summary">
          {diff.summary.map((change, i) => (
            <List.Item key={i} icon={<Badge size="sm" radius="sm" tt="none" variant="light" color={SEVERITY_COLOR[change.severity] ?? 'gray'}>{change.severity}</Badge>}>
              {change.message}
            </List.Item>
          ))}
        </List>
        {diff.workflowFields.length > 0 ? (
          <Text size="sm" mt={6}>Process fields changed: {diff.workflowFields.map((f) => f.field).join(', ')}.</Text>
        ) : null}
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <VersionSide sopId={sopId} version={from} heading="From" marks={fromMarks(diff)} />
        <VersionSide sopId={sopId} version={to} heading="To" marks={toMarks(diff)} />
      </SimpleGrid>
      {diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length > 0 ? (
        <Paper withBorder radius="md" p="md" className={classes.card}>
          <Text size="sm" fw={600} mb={6}>Connections</Text>
          <List spacing={2} size="sm">
            {diff.edges.removed.map((e, i) => <List.Item key={`r${i}`}>removed: {e.from} → {e.to} ({e.mode}{e.when === undefined ? '' : `, if ${e.when}`})</List.Item>)}
            {diff.edges.added.map((e, i) => <List.Item key={`a${i}`}>added: {e.from} → {e.to} ({e.mode}{e.when === undefined ? '' : `, if ${e.when}`})</List.Item>)}
            {diff.edges.changed.map((e, i) => <List.Item key={`c${i}`}>changed: {e.from} → {e.to} ({e.fields.map((f) => f.field).join(', ')})</List.Item>)}
          </List>
        </Paper>
      ) : null}
    </Stack>
  );
}

/** A step's mark in a diff column, in words. */
interface StepMark { word: 'added' | 'removed' | 'changed' | 'renamed'; detail?: string }

function fromMarks(diff: WorkflowDiff): Map<string, StepMark> {
  const marks = new Map<string, StepMark>();
  for (const n of diff.nodes.removed) marks.set(n.id, { word: 'removed' });
  for (const c of diff.nodes.changed) marks.set(c.previousId ?? c.id, { word: 'changed', detail: c.fields.map((f) => f.field).join(', ') });
  for (const r of diff.nodes.renamed) marks.set(r.from, { word: 'renamed', detail: `now ${r.to}` });
  return marks;
}

function toMarks(diff: WorkflowDiff): Map<string, StepMark> {
  const marks = new Map<string, StepMark>();
  for (const n of diff.nodes.added) marks.set(n.id, { word: 'added' });
  for (const c of diff.nodes.changed) marks.set(c.id, { word: 'changed', detail: c.fields.map((f) => f.field).join(', ') });
  for (const r of diff.nodes.renamed) marks.set(r.to, { word: 'renamed', detail: `was ${r.from}` });
  return marks;
}

const MARK_COLOR: Record<StepMark['word'], string> = { added: 'teal', removed: 'red', changed: 'orange', renamed: 'violet' };

function VersionSide({ sopId, version, heading, marks }: { sopId: string; version: SopVersionView; heading: string; marks: Map<string, StepMark> }) {
  const document = useVersionDocument(sopId, version);
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} aria-label={`${heading}: ${versionLabel(version)}`} component="section">
      <Text size="sm" fw={600}>{heading}: {versionLabel(version)}</Text>
      <Text size="xs" c="dimmed" ff="monospace" mb={6}>{version.contentHash.slice(0, 12)}</Text>
      {document.isPending ? <Skeleton h={80} /> : null}
      {document.isError ? <ErrorAlert error={document.error} title="Could not load this version" /> : null}
      {document.data !== undefined ? (
        <List spacing={4} size="sm" type="ordered">
          {document.data.workflow.nodes.map((node) => {
            const mark = marks.get(node.id);
            return (
              <List.Item key={node.id}>
                <Group gap={6} wrap="nowrap" align="baseline">
                  <Text size="sm" td={mark?.word === 'removed' ? 'line-through' : undefined}>{node.name}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">{node.id}</Text>
                  {mark !== undefined ? <Badge size="sm" radius="sm" tt="none" variant="light" color={MARK_COLOR[mark.word]}>{mark.word}</Badge> : null}
                </Group>
                {mark?.detail !== undefined && mark.detail !== '' ? <Text size="xs" c="dimmed">{mark.word === 'changed' ? `fields: ${mark.detail}` : mark.detail}</Text> : null}
              </List.Item>
            );
          })}
        </List>
      ) : null}
    </Paper>
  );
}
