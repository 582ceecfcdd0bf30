import { Paper, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../components/anchor-link';

/** Placeholder: importing documents arrives with the import review slice. */
export function ImportPage() {
  return (
    <Stack gap="md">
      <Title order={1} size="h3">Import SOPs</Title>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="xs">
          <Text fw={500}>Importing documents comes later.</Text>
          <Text size="sm" c="dimmed">
            Upload of Markdown, Word, PDF and HTML with a side-by-side review is the next slice of the web app.
            Until then, upload the document with <code>POST /api/documents</code> and import it into drafts with <code>POST /api/sops/import</code>
            (or <code>sopflow import FILE</code> on the command line); the drafts appear in the library under Draft.
          </Text>
          <AnchorLink to="/" size="sm">Back to the library</AnchorLink>
        </Stack>
      </Paper>
    </Stack>
  );
}
