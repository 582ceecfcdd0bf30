import { Alert, Text } from '@mantine/core';
import { describeError } from '../api/api-error';

/** An error shown where it happened: what went wrong, the server's words, and what to do next. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const d = describeError(error);
  return (
    <Alert color="red" variant="light" title={title ?? d.title} role="alert">
      <Text size="sm">{d.message}</Text>
      <Text size="sm" c="dimmed" mt={4}>{d.next}</Text>
    </Alert>
  );
}
