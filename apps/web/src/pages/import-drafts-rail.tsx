import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useSops } from '../api/queries';
import { AnchorLink } from '../components/anchor-link';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import classes from './pages.module.css';
import own from './import-page.module.css';

/** Every draft SOP of the tenant, newest first, each with links to review it and to edit its YAML. */
export function ImportDraftsRail() {
  const sops = useSops();
  const drafts = (sops.data ?? []).filter((s) => s.status === 'draft').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <Paper withBorder radius="md" p="lg" className={classes.card} component="section" aria-labelledby="drafts-rail-title">
      <Stack gap="sm">
        <Title order={2} size="h5" id="drafts-rail-title">Drafts</Title>
        {sops.isError ? <ErrorAlert error={sops.error} title="Could not load the drafts" /> : null}
        {sops.isPending ? <><Skeleton h={36} /><Skeleton h={36} /></> : null}
        {sops.data !== undefined && drafts.length === 0 ? <Text size="sm" c="dimmed">No drafts yet. Import a document to make one.</Text> : null}
        <Stack gap="xs" component="ul" className={own.plainList}>
          {drafts.map((sop) => (
            <li key={sop.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0}>
                  <AnchorLink to="/drafts/$sopId" params={{ sopId: sop.id }} fw={500} size="sm">{sop.title}</AnchorLink>
                  <Text size="xs" c="dimmed">{sop.stepCount} steps · updated {formatWhen(sop.updatedAt)}</Text>
                </Stack>
                <AnchorLink to="/drafts/$sopId/edit" params={{ sopId: sop.id }} size="xs" aria-label={`Edit ${sop.title} as YAML`}>YAML</AnchorLink>
              </Group>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
