import { useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useAccountUsers, useCreateToken, useRevokeToken, useTokens } from '../api/admin-queries';
import type { ApiToken } from '../api/learning-types';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import classes from './pages.module.css';

const SCOPES = [
  { value: 'read', label: 'read — look only' }, { value: 'run', label: 'run — start runs, complete tasks' }, { value: 'admin', label: 'admin — everything' },
];

/** API tokens: the list (never the tokens themselves), create one (shown once, with a copy button) and revoke. */
export function AdminTokensPanel() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  return (
    <Stack gap="md">
      {tokens.isError ? <ErrorAlert error={tokens.error} title="Could not load the tokens" /> : null}
      {revoke.isError ? <ErrorAlert error={revoke.error} title="The token was not revoked" /> : null}
      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-label="API tokens">
          <Table.Thead><Table.Tr><Table.Th>Token</Table.Th><Table.Th>User</Table.Th><Table.Th>Scope</Table.Th><Table.Th>Created</Table.Th><Table.Th>Last used</Table.Th><Table.Th>Status</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{(tokens.data ?? []).map((t) => <TokenRow key={t.id} token={t} onRevoke={() => revoke.mutate(t.id)} revoking={revoke.isPending && revoke.variables === t.id} />)}</Table.Tbody>
        </Table>
      </Paper>
      <CreateTokenForm />
    </Stack>
  );
}

function TokenRow({ token, onRevoke, revoking }: { token: ApiToken; onRevoke: () => void; revoking: boolean }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <Table.Tr>
      <Table.Td><Text size="sm" ff="monospace">{token.id}</Text></Table.Td>
      <Table.Td><Text size="sm">{token.user}</Text></Table.Td>
      <Table.Td><Text size="sm">{token.scope}</Text></Table.Td>
      <Table.Td><Text size="sm" c="dimmed">{formatWhen(token.createdAt)}</Text></Table.Td>
      <Table.Td><Text size="sm" c="dimmed">{token.lastUsedAt === null ? 'never' : formatWhen(token.lastUsedAt)}</Text></Table.Td>
      <Table.Td>
        {token.revokedAt !== null ? <Badge color="gray" variant="light" tt="none">revoked {formatWhen(token.revokedAt)}</Badge> : confirming ? (
          <Group gap={4} wrap="nowrap">
            <Button size="xs" color="red" loading={revoking} onClick={onRevoke} aria-label={`Revoke now ${token.id}`}>Revoke now</Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>Keep</Button>
          </Group>
        ) : <Button size="xs" variant="default" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.id}`}>Revoke</Button>}
      </Table.Td>
    </Table.Tr>
  );
}

function CreateTokenForm() {
  const users = useAccountUsers();
  const create = useCreateToken();
  const [user, setUser] = useState('');
  const [scope, setScope] = useState('read');
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} component="form" aria-label="Create a token"
      onSubmit={(e) => { e.preventDefault(); if (user !== '') create.mutate({ user, scope }); }}>
      <Stack gap="sm">
        <Text fw={600} size="sm">Create a token</Text>
        <Group align="flex-end" gap="sm">
          <NativeSelect label="User" required w={260} data={[{ value: '', label: 'Choose a user' }, ...(users.data ?? []).map((u) => u.email)]} value={user} onChange={(e) => setUser(e.currentTarget.value)} />
          <NativeSelect label="Scope" w={280} data={SCOPES} value={scope} onChange={(e) => setScope(e.currentTarget.value)} />
          <Button type="submit" size="sm" disabled={user === ''} loading={create.isPending}>Create token</Button>
        </Group>
        {create.isError ? <ErrorAlert error={create.error} title="The token was not created" /> : null}
        {create.isSuccess ? (
          <Alert color="teal" variant="light" title={`Token ${create.data.id} for ${create.data.user} (${create.data.scope})`}>
            <Text size="sm" mb={6}>Copy it now: it is shown only once and stored hashed.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code aria-label="New token" style={{ wordBreak: 'break-all' }}>{create.data.token}</Code>
              <CopyButton value={create.data.token}>
                {({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>}
              </CopyButton>
            </Group>
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
