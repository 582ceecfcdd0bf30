import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { AnchorLink, ButtonLink } from '../components/anchor-link';
import { ErrorAlert } from '../components/error-alert';
import { SopStatusBadge } from '../components/state-badges';
import { applyDraftEdit, readDraft, reviewSteps, writeDraft, type DraftDocument, type DraftEdit } from './draft-review-edits';
import { DiagnosticList, WithOpenDraft, type OpenDraftProps } from './draft-review-notices';
import { diagnosticsOf, usePublishDraft, useSaveDraft } from './draft-review-queries';
import { DraftReviewStepCard } from './draft-review-step-card';
import own from './draft-review.module.css';

/** Reviewing a draft: each step beside its source, editable; Save draft keeps the edits as the draft version, Publish makes it the one that runs. */
export function DraftReviewPage() {
  const { sopId } = useParams({ from: '/app/drafts/$sopId' });
  return <WithOpenDraft sopId={sopId}>{(draft) => <DraftReview key={draft.version.id} {...draft} />}</WithOpenDraft>;
}

function DraftReview({ sop, version, text }: OpenDraftProps) {
  const [doc, setDoc] = useState<DraftDocument | Error>(() => { try { return readDraft(text); } catch (error) { return error as Error; } });
  const [dirty, setDirty] = useState(false);
  const save = useSaveDraft(sop.id);
  const publish = usePublishDraft(sop.id);
  const navigate = useNavigate();

  if (doc instanceof Error) {
    return (
      <Stack gap="sm">
        <ErrorAlert error={doc} title="This draft cannot be shown step by step" />
        <AnchorLink to="/drafts/$sopId/edit" params={{ sopId: sop.id }}>Edit its YAML instead</AnchorLink>
      </Stack>
    );
  }
  const steps = reviewSteps(doc);
  const edit = (change: DraftEdit) => { setDoc(applyDraftEdit(doc, change)); setDirty(true); };
  const saveNow = async () => {
    await save.mutateAsync({ versionId: version.id, osop: writeDraft(doc) });
    setDirty(false);
  };
  const publishNow = async () => {
    if (dirty) await saveNow();
    await publish.mutateAsync(version.id);
    await navigate({ to: '/sops/$sopId', params: { sopId: sop.id } });
  };
  const source = (doc.metadata as { source_document?: { name?: string } } | undefined)?.source_document?.name;
  const failed = save.isError ? save.error : publish.isError ? publish.error : null;

  return (
    <Stack gap="lg">
      <AnchorLink to="/import" size="sm" c="dimmed">← Import SOPs</AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1} size="h3">Review {doc.name ?? sop.title}</Title>
          <Group gap="xs">
            <SopStatusBadge status={sop.status} />
            <Text size="sm" ff="monospace">v{version.semver}</Text>
            <Text size="sm" c="dimmed">· {steps.length} steps{source === undefined ? '' : ` · imported from ${source}`}</Text>
          </Group>
        </Stack>
        <Group gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">{dirty ? 'Unsaved changes' : save.isSuccess ? 'Saved' : ''}</Text>
          {dirty
            ? <Button variant="default" disabled title="Save the draft first">Edit as YAML</Button>
            : <ButtonLink to="/drafts/$sopId/edit" params={{ sopId: sop.id }} variant="default">Edit as YAML</ButtonLink>}
          <Button variant="default" disabled={!dirty} loading={save.isPending} onClick={() => void saveNow().catch(() => {})}>Save draft</Button>
          <Button loading={publish.isPending} disabled={save.isPending} onClick={() => void publishNow().catch(() => {})}>Publish</Button>
        </Group>
      </Group>

      {failed !== null ? (
        <Stack gap="xs">
          <ErrorAlert error={failed} title={save.isError ? 'The draft was not saved; your edits are still here' : 'Not published'} />
          <DiagnosticList diagnostics={diagnosticsOf(failed)} label="What the server found" />
        </Stack>
      ) : null}

      <TextInput label="SOP title" value={doc.name ?? ''} maw={560} onChange={(e) => edit({ type: 'renameSop', title: e.currentTarget.value })} />

      <ol className={own.steps} aria-label="Steps">
        {steps.map((step) => <DraftReviewStepCard key={step.id} step={step} steps={steps} roles={doc.roles ?? []} onEdit={edit} />)}
      </ol>
    </Stack>
  );
}
