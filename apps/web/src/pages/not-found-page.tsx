import { Stack, Text, Title } from '@mantine/core';
import { useLocation } from '@tanstack/react-router';
import { AnchorLink } from '../components/anchor-link';

/** Any address no page answers, inside the app's frame: says which path and links back to the library. */
export function NotFoundPage() {
  const pathname = useLocation({ select: (l) => l.pathname });
  return (
    <Stack gap="xs" align="flex-start">
      <Title order={1} size="h3">Page not found</Title>
      <Text size="sm">Nothing lives at <Text span ff="monospace" inherit>{pathname}</Text>: the address may be mistyped, or what it named was removed.</Text>
      <AnchorLink to="/" size="sm">Back to the library</AnchorLink>
    </Stack>
  );
}
