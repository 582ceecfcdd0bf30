import { useState } from 'react';
import { Button, FileInput, Grid, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { ApiError } from '../api/api-error';
import { useSops } from '../api/queries';
import { AnchorLink } from '../components/anchor-link';
import { ErrorAlert } from '../components/error-alert';
import { ImportDraftsRail } from './import-drafts-rail';
import { IMPORT_ACCEPT, useImportDocument, useImportJob, type ImportJob } from './import-queries';
import classes from './pages.module.css';

/** Upload a document (Markdown, Word, PDF, HTML), follow its import, and find the drafts it made beside every other draft. */
export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const upload = useImportDocument();
  const job = useImportJob(upload.data?.jobId ?? null);
  const busy = upload.isPending || job.data?.status === 'queued' || job.data?.status === 'running' || (upload.isSuccess && job.data === undefined && !job.isError);

  return (
    <Stack gap="lg">
      <Title order={1} size="h3">Import SOPs</Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="lg" className={classes.card}>
              <form onSubmit={(e) => { e.preventDefault(); if (file !== null) upload.mutate(file); }}>
                <Stack gap="sm">
                  <FileInput label="Document" placeholder="Choose a file" accept={IMPORT_ACCEPT} value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
                    description="Markdown, Word (.docx), PDF or HTML, 20 MiB at most. Each procedure found becomes a draft SOP to review; nothing runs before you publish." />
                  <Group>
                    <Button type="submit" disabled={file === null || busy} loading={busy}>Import document</Button>
                  </Group>
                </Stack>
              </form>
            </Paper>
            {upload.isError ? <ErrorAlert error={upload.error} title="The document was not imported" /> : null}
            {upload.isSuccess ? <ImportProgress fileName={upload.data.document.name} job={job.data} /> : null}
            {job.isError ? <ErrorAlert error={job.error} title="Could not follow the import" /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ImportDraftsRail />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

const STAGE: Record<ImportJob['status'], { value: number; text: string }> = {
  queued: { value: 25, text: 'Uploaded; waiting for the importer…' },
  running: { value: 60, text: 'Reading the document and finding its steps…' },
  succeeded: { value: 100, text: 'Imported.' },
  failed: { value: 100, text: 'The import failed.' },
};

/** The job's stage as a bar and in words; the drafts it made, or why it failed and what to do. */
function ImportProgress({ fileName, job }: { fileName: string; job: ImportJob | undefined }) {
  const sops = useSops();
  const stage = STAGE[job?.status ?? 'queued'];
  const titles = new Map((sops.data ?? []).map((s) => [s.id, s.title]));
  return (
    <Paper withBorder radius="md" p="lg" className={classes.card}>
      <Stack gap="sm">
        <Text fw={500}>{fileName}</Text>
        <Progress value={stage.value} color={job?.status === 'failed' ? 'red' : 'teal'} animated={job?.status !== 'succeeded' && job?.status !== 'failed'}
          aria-label={`Import of ${fileName}`} />
        <Text size="sm" aria-live="polite">{stage.text}</Text>
        {job?.status === 'succeeded' ? (
          <Stack gap={4}>
            <Text size="sm">{job.drafts.length === 1 ? 'One draft SOP was made. Review it before you publish:' : `${job.drafts.length} draft SOPs were made. Review each before you publish:`}</Text>
            <List size="sm" spacing={4}>
              {job.drafts.map((id) => (
                <List.Item key={id}><AnchorLink to="/drafts/$sopId" params={{ sopId: id }}>Review {titles.get(id) ?? id}</AnchorLink></List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        {job?.status === 'failed' && job.error !== null ? <ImportFailure error={job.error} /> : null}
      </Stack>
    </Paper>
  );
}

/** A failed job's reason in words, with the importer's findings when it gave them. */
function ImportFailure({ error }: { error: NonNullable<ImportJob['error']> }) {
  const findings = ((error.details as { diagnostics?: { message: string; severity: string }[] } | undefined)?.diagnostics ?? []).slice(0, 5);
  return (
    <Stack gap="xs">
      <ErrorAlert error={new ApiError(422, error.code, error.message, error.details)} title="The import failed" />
      {error.code === 'invalid_input' ? (
        <Text size="sm" c="dimmed">sopflow looks for numbered steps, a checklist, or a heading per step. Give the procedure one of those, then import it again.</Text>
      ) : null}
      {findings.length > 0 ? (
        <List size="sm" spacing={2} aria-label="What the importer found">
          {findings.map((f, i) => <List.Item key={i}>{f.severity}: {f.message}</List.Item>)}
        </List>
      ) : null}
    </Stack>
  );
}
