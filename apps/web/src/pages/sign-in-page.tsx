import { useState, type FormEvent } from 'react';
import { Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useSignIn } from '../api/queries';
import { ErrorAlert } from '../components/error-alert';

/** Sign in with email and password; afterwards back to the page that asked (or the library). */
export function SignInPage() {
  const { next } = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password }, {
      onSuccess: () => {
        // Only paths on this site: a `next` naming another origin is ignored.
        const target = next !== undefined && next.startsWith('/') && !next.startsWith('//') ? next : '/';
        void navigate({ to: target });
      },
    });
  }

  return (
    <Center mih="100vh" px="md" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Box w="100%" maw={380}>
        <Stack gap={4} mb="lg" align="center">
          <Box w={32} h={32} bg="indigo.6" c="white" fw={700} style={{ borderRadius: 8, display: 'grid', placeItems: 'center' }} aria-hidden>S</Box>
          <Title order={1} size="h3" mt="sm">Sign in to sopflow</Title>
          <Text size="sm" c="dimmed">Standard operating procedures, run live.</Text>
        </Stack>
        <Paper withBorder p="lg" radius="md" shadow="xs">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} autoFocus />
              <PasswordInput label="Password" visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what was typed' }} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              {signIn.isError ? <ErrorAlert error={signIn.error} title="Could not sign in" /> : null}
              <Button type="submit" fullWidth loading={signIn.isPending} disabled={email.trim() === '' || password === ''}>Sign in</Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
