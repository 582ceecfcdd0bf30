import { lazy, Suspense, useRef, useState } from 'react';
import { Button, Grid, Group, Paper, Skeleton, Stack, Text, Title, useComputedColorScheme } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import type { Workflow } from '@sopflow/format';
import { AnchorLink } from '../components/anchor-link';
import { ErrorAlert } from '../components/error-alert';
import { LazyProcessGraph } from '../components/graph/lazy-process-graph';
import { SopStatusBadge } from '../components/state-badges';
import { DiagnosticList, WithOpenDraft, type OpenDraftProps } from './draft-review-notices';
import { diagnosticsOf, useSaveDraft } from './draft-review-queries';
import { useOsopCheck } from './use-osop-check';
import classes from './pages.module.css';
import own from './draft-review.module.css';

// CodeMirror is its own chunk, loaded when the editor opens.
const YamlField = lazy(() => import('./editor-yaml-field'));

/** The draft's .osop YAML with live diagnostics and a preview (the Graph tab's graph and an outline); Save stores it as the draft version (a refusal keeps the text). */
export function EditorPage() {
  const { sopId } = useParams({ from: '/app/drafts/$sopId/edit' });
  return <WithOpenDraft sopId={sopId}>{(draft) => <DraftEditor key={draft.version.id} {...draft} />}</WithOpenDraft>;
}

function DraftEditor({ sop, version, text: stored }: OpenDraftProps) {
  const [text, setText] = useState(stored);
  const [saved, setSaved] = useState(stored);
  const save = useSaveDraft(sop.id);
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: true }) === 'dark';
  // Checked off the main thread (a Web Worker); the problems and the preview follow the newest answer.
  const { checker, check } = useOsopCheck(text);
  const report = check?.report ?? null;
  // The preview keeps the last valid workflow while the current text has errors.
  // The outline comes with the check's answer (made in the worker), so @sopflow/format is not loaded into the page.
  const lastValid = useRef<{ workflow: Workflow; outline: string } | null>(null);
  if (report?.workflow !== undefined && check?.outline != null && lastValid.current?.workflow !== report.workflow) {
    lastValid.current = { workflow: report.workflow, outline: check.outline };
  }
  const preview = lastValid.current;
  const errors = report?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
  const dirty = text !== saved;

  const saveNow = () => {
    const sent = text;
    save.mutate({ versionId: version.id, osop: sent }, { onSuccess: () => setSaved(sent) });
  };

  return (
    <Stack gap="lg">
      <AnchorLink to="/drafts/$sopId" params={{ sopId: sop.id }} size="sm" c="dimmed">← Review {sop.title}</AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1} size="h3">Edit {sop.title}</Title>
          <Group gap="xs"><SopStatusBadge status={sop.status} /><Text size="sm" ff="monospace">v{version.semver}</Text><Text size="sm" c="dimmed">· draft version {version.id}</Text></Group>
        </Stack>
        <Group gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">{dirty ? 'Unsaved changes' : save.isSuccess ? 'Saved' : ''}</Text>
          <Button onClick={saveNow} loading={save.isPending} disabled={!dirty}>Save</Button>
        </Group>
      </Group>

      {save.isError ? (
        <Stack gap="xs">
          <ErrorAlert error={save.error} title="Not saved; your text is still in the editor" />
          <DiagnosticList diagnostics={diagnosticsOf(save.error)} label="What the server found" />
        </Stack>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" className={classes.tablePaper}>
            <Suspense fallback={<Skeleton h={420} />}>
              <YamlField value={text} onChange={setText} checker={checker} dark={dark} label={`${sop.title}: .osop YAML`} />
            </Suspense>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md" className={classes.card} component="section" aria-labelledby="editor-problems" data-checked-by={check?.by}>
              <Title order={2} size="h6" id="editor-problems" mb="xs">{report === null ? 'Checking…' : errors === 0 ? 'No problems' : errors === 1 ? '1 problem' : `${errors} problems`}</Title>
              {report?.diagnostics.length === 0 ? <Text size="sm" c="dimmed">The document is a valid workflow.</Text> : null}
              <DiagnosticList diagnostics={report?.diagnostics ?? []} label="Problems in the document" />
            </Paper>
            <Paper withBorder radius="md" p="md" className={classes.card} component="section" aria-labelledby="editor-preview">
              <Title order={2} size="h6" id="editor-preview" mb="xs">Preview</Title>
              {preview === null ? <Text size="sm" c="dimmed">The preview appears once the document is valid.</Text> : (
                <Stack gap="xs">
                  {report?.valid === true ? null : <Text size="xs" c="dimmed">From the last valid text.</Text>}
                  <LazyProcessGraph workflow={preview.workflow} height={360} />
                  <pre className={own.outline} tabIndex={0} aria-label="Outline of the workflow">{preview.outline}</pre>
                </Stack>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
