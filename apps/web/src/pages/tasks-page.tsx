import { useMemo, useState } from 'react';
import { Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMe, useTasks } from '../api/queries';
import type { Task } from '../api/api-types';
import { ErrorAlert } from '../components/error-alert';
import { TaskCard } from './task-card';

/** Pure; the tasks a user may act on: unassigned to a role, in one of their roles, or assigned to them. */
export function tasksForMe(tasks: readonly Task[], me: { email: string; roles: readonly string[] }): Task[] {
  return tasks.filter((t) => t.assignee === me.email || (t.assignee === null && (t.role === null || me.roles.includes(t.role))));
}

/** The inbox: open tasks for my roles (or all), each with its form and its decision buttons. */
export function TasksPage() {
  const tasks = useTasks();
  const me = useMe();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const shown = useMemo(() => {
    const all = tasks.data ?? [];
    return scope === 'all' || me.data === undefined ? all : tasksForMe(all, me.data.user);
  }, [tasks.data, me.data, scope]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h3">Tasks</Title>
          <Text size="sm" c="dimmed">{tasks.data === undefined ? 'Loading tasks…' : `${shown.length} open ${shown.length === 1 ? 'task' : 'tasks'}${scope === 'mine' ? ' for my roles' : ''}`}</Text>
        </div>
        <SegmentedControl aria-label="Which tasks" size="sm" value={scope} onChange={(v) => setScope(v === 'all' ? 'all' : 'mine')}
          data={[{ value: 'mine', label: 'For my roles' }, { value: 'all', label: 'All open' }]} />
      </Group>
      {tasks.isError ? <ErrorAlert error={tasks.error} title="Could not load the tasks" /> : null}
      {tasks.isPending ? <><Skeleton h={120} radius="md" /><Skeleton h={120} radius="md" /></> : null}
      {tasks.data !== undefined && shown.length === 0 ? (
        <Stack align="center" gap={4} py={48}>
          <Text fw={500}>Nothing waiting for you</Text>
          <Text size="sm" c="dimmed">{scope === 'mine' && (tasks.data.length > 0) ? (tasks.data.length === 1 ? 'One open task is for another role; All open shows it.' : `${tasks.data.length} open tasks are for other roles; All open shows them.`) : 'Tasks appear here when a run reaches a person’s step.'}</Text>
        </Stack>
      ) : null}
      <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Open tasks">
        {shown.map((task) => <li key={task.id}><TaskCard task={task} /></li>)}
      </Stack>
    </Stack>
  );
}
