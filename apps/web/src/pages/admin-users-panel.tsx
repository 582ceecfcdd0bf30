import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useAccountUsers, useAddUser } from '../api/admin-queries';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import classes from './pages.module.css';

const ACCOUNT_ROLES = ['owner', 'admin', 'editor', 'operator', 'viewer'];

/** The tenant's users with their account and step roles, and a form to add one. */
export function AdminUsersPanel() {
  const users = useAccountUsers();
  return (
    <Stack gap="md">
      {users.isError ? <ErrorAlert error={users.error} title="Could not load the users" /> : null}
      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-label="Users">
          <Table.Thead><Table.Tr><Table.Th>Email</Table.Th><Table.Th>Account role</Table.Th><Table.Th>Step roles</Table.Th><Table.Th>Password</Table.Th><Table.Th>Added</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.email}>
                <Table.Td><Text size="sm">{u.email}</Text></Table.Td>
                <Table.Td><Group gap={4}>{u.accountRoles.map((r) => <Badge key={r} size="sm" variant="light" tt="none">{r}</Badge>)}</Group></Table.Td>
                <Table.Td><Text size="sm">{u.roles.filter((r) => !u.accountRoles.includes(r)).join(', ') || '—'}</Text></Table.Td>
                <Table.Td><Text size="sm">{u.password ? 'set' : 'none (tokens only)'}</Text></Table.Td>
                <Table.Td><Text size="sm" c="dimmed">{formatWhen(u.createdAt)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <AddUserForm />
    </Stack>
  );
}

function AddUserForm() {
  const add = useAddUser();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('operator');
  const [stepRoles, setStepRoles] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const roles = [role, ...stepRoles.split(',').map((r) => r.trim()).filter((r) => r !== '')];
    add.mutate({ email: email.trim(), roles, ...(password === '' ? {} : { password }) }, {
      onSuccess: () => { setEmail(''); setStepRoles(''); setPassword(''); },
    });
  };
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} component="form" onSubmit={submit} aria-label="Add a user">
      <Stack gap="sm">
        <Text fw={600} size="sm">Add a user</Text>
        <Group align="flex-start" gap="sm">
          <TextInput label="Email" required w={240} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <NativeSelect label="Account role" data={ACCOUNT_ROLES} w={150} value={role} onChange={(e) => setRole(e.currentTarget.value)} />
          <TextInput label="Step roles" description="comma-separated, e.g. ops, finance" w={220} value={stepRoles} onChange={(e) => setStepRoles(e.currentTarget.value)} />
          <PasswordInput label="Password" description="optional; at least 12 characters" w={220} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        </Group>
        {add.isError ? <ErrorAlert error={add.error} title="The user was not added" /> : null}
        {add.isSuccess ? <Text size="sm" role="status">Added.</Text> : null}
        <Group><Button type="submit" size="xs" loading={add.isPending}>Add user</Button></Group>
      </Stack>
    </Paper>
  );
}
