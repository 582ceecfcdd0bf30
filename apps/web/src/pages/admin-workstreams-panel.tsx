import { useState } from 'react';
import { Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCreateWorkstream } from '../api/admin-queries';
import { useWorkstreams } from '../api/queries';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import classes from './pages.module.css';

/** The tenant's workstreams and a form to create one. */
export function AdminWorkstreamsPanel() {
  const workstreams = useWorkstreams();
  const create = useCreateWorkstream();
  const [name, setName] = useState('');
  return (
    <Stack gap="md">
      {workstreams.isError ? <ErrorAlert error={workstreams.error} title="Could not load the workstreams" /> : null}
      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-label="Workstreams">
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Id</Table.Th><Table.Th>Created</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(workstreams.data ?? []).map((w) => (
              <Table.Tr key={w.id}>
                <Table.Td><Text size="sm">{w.name}</Text></Table.Td>
                <Table.Td><Text size="sm" ff="monospace" c="dimmed">{w.id}</Text></Table.Td>
                <Table.Td><Text size="sm" c="dimmed">{formatWhen(w.createdAt)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder radius="md" p="md" className={classes.card} component="form" aria-label="Create a workstream"
        onSubmit={(e) => { e.preventDefault(); if (name.trim() !== '') create.mutate({ name: name.trim() }, { onSuccess: () => setName('') }); }}>
        <Group align="flex-end" gap="sm">
          <TextInput label="Workstream name" required w={280} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit" size="sm" loading={create.isPending}>Create workstream</Button>
        </Group>
        {create.isError ? <ErrorAlert error={create.error} title="The workstream was not created" /> : null}
      </Paper>
    </Stack>
  );
}
