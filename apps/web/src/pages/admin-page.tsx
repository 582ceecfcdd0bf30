import { Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { isAdministrator } from '../api/admin-queries';
import { useMe } from '../api/queries';
import { AdminAuditPanel } from './admin-audit-panel';
import { AdminRoutinesPanel } from './admin-routines-panel';
import { AdminTokensPanel } from './admin-tokens-panel';
import { AdminUsersPanel } from './admin-users-panel';
import { AdminWorkstreamsPanel } from './admin-workstreams-panel';

/** Administration of the tenant (owners and admins): users and roles, API tokens, workstreams, routines, the audit log. */
export function AdminPage() {
  const me = useMe();
  if (me.isPending) return <Skeleton h={200} />;
  if (!isAdministrator(me.data?.user.accountRoles)) {
    return (
      <Stack gap="xs">
        <Title order={1} size="h3">Admin</Title>
        <Text size="sm">Administration is for owners and admins of this workspace; ask an owner for the admin role.</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h3">Admin</Title>
        <Text size="sm" c="dimmed">Workspace {me.data?.user.tenantName}: who may do what, the tokens scripts use, and what changed.</Text>
      </div>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="tokens">API tokens</Tabs.Tab>
          <Tabs.Tab value="workstreams">Workstreams</Tabs.Tab>
          <Tabs.Tab value="routines">Routines</Tabs.Tab>
          <Tabs.Tab value="audit">Audit log</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md"><AdminUsersPanel /></Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md"><AdminTokensPanel /></Tabs.Panel>
        <Tabs.Panel value="workstreams" pt="md"><AdminWorkstreamsPanel /></Tabs.Panel>
        <Tabs.Panel value="routines" pt="md"><AdminRoutinesPanel /></Tabs.Panel>
        <Tabs.Panel value="audit" pt="md"><AdminAuditPanel /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
