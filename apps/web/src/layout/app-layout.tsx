import { ActionIcon, AppShell, Badge, Box, Button, Group, Text, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { isAdministrator } from '../api/admin-queries';
import { useMe, useSignOut, useTasks } from '../api/queries';
import classes from './app-layout.module.css';

/** The signed-in frame: the top bar (Library, Tasks, Portfolio, Hub on a `--hub` server (who-am-I says so), Admin for owners and admins, theme, who I am, Sign out) and the page. */
export function AppLayout() {
  const me = useMe();
  const tasks = useTasks();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const open = tasks.data?.length ?? 0;
  return (
    <AppShell header={{ height: 52 }} padding="lg">
      <AppShell.Header className={classes.header}>
        <Group h="100%" px={{ base: 'sm', sm: 'lg' }} justify="space-between" wrap="nowrap">
          {/* On a phone the links scroll sideways inside the bar, so theme and Sign out stay on screen. */}
          <Group gap="md" wrap="nowrap" className={classes.start}>
            <Link to="/" className={classes.brand}>
              <Box className={classes.logo} aria-hidden>S</Box>
              <Text fw={600} size="sm" className={classes.brandName}>sopflow</Text>
            </Link>
            <nav aria-label="Main" className={classes.nav}>
              <Group gap={4} wrap="nowrap">
                <Link to="/" className={classes.navLink} activeOptions={{ exact: true, includeSearch: false }}>Library</Link>
                <Link to="/tasks" className={classes.navLink}>
                  Tasks
                  {open > 0 ? <Badge size="xs" circle variant="filled" ml={6} aria-label={`${open} open`}>{open}</Badge> : null}
                </Link>
                <Link to="/portfolio" className={classes.navLink}>Portfolio</Link>
                {me.data?.hub === true ? <Link to="/hub" className={classes.navLink}>Hub</Link> : null}
                {isAdministrator(me.data?.user.accountRoles) ? <Link to="/admin" className={classes.navLink}>Admin</Link> : null}
              </Group>
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap" className={classes.end}>
            <ThemeToggle />
            {me.data ? <Text size="sm" c="dimmed" visibleFrom="sm">{me.data.user.email}</Text> : null}
            <Button variant="subtle" color="gray" size="xs" loading={signOut.isPending}
              onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate({ to: '/sign-in' }) })}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main className={classes.main}>
        <Box maw={1160} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon variant="subtle" color="gray" aria-label={`Switch to ${next} theme`} onClick={() => setColorScheme(next)}>
        <span aria-hidden style={{ fontSize: 15 }}>{scheme === 'dark' ? '☀' : '☾'}</span>
      </ActionIcon>
    </Tooltip>
  );
}
