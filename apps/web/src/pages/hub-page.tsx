import { useState } from 'react';
import { Badge, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useHubRanking, useHubSearch, type HubCommunity, type HubSort } from '../api/hub-queries';
import { useMe } from '../api/queries';
import { ErrorAlert } from '../components/error-alert';
import { formatWhen } from '../components/format-time';
import { TableScroll } from '../components/table-scroll';
import classes from './pages.module.css';

const SORTS: { value: HubSort; label: string }[] = [
  { value: 'relevance', label: 'Best match' }, { value: 'community', label: 'Most run by the community' }, { value: 'name', label: 'Name' },
];

/** Pure; a version's community figures in words ("42 runs, 95 % succeeded, median 3 s"), or that none were reported. */
export function describeCommunity(c: HubCommunity | null): string {
  if (c === null || c.runs === 0) return 'no runs reported';
  const median = c.p50Ms < 1000 ? `${c.p50Ms} ms` : `${Math.round(c.p50Ms / 1000)} s`;
  return `${c.runs} ${c.runs === 1 ? 'run' : 'runs'}, ${Math.round(c.successRate * 100)} % succeeded, median ${median}`;
}

/** The SOP hub this server hosts (`--hub`); on a server that hosts none, says so and how to start one, asking nothing of `/api/hub`. */
export function HubPage() {
  const me = useMe();
  if (me.isPending) return <Skeleton h={240} />;
  if (me.isError) return <ErrorAlert error={me.error} title="Could not tell whether this server is a hub" />;
  if (me.data?.hub === true) return <HubSearch />;
  return (
    <Stack gap="xs">
      <Title order={1} size="h3">Hub</Title>
      <Text size="sm">This server is not a hub: start one with <Text span ff="monospace" inherit>sopflow serve --hub</Text> to publish signed SOPs and search them here.</Text>
    </Stack>
  );
}

/** Search by words and tags, and the community ranking of the most-run versions. */
function HubSearch() {
  const [text, setText] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [sort, setSort] = useState<HubSort>('relevance');
  const [debounced] = useDebouncedValue(text, 250);
  const search = useHubSearch({ text: debounced, tags, sort });
  const ranking = useHubRanking();

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h3">Hub</Title>
        <Text size="sm" c="dimmed">Signed SOPs published to this hub; pull one with <Text span ff="monospace" inherit>sopflow hub pull NAME</Text> — it is verified before use.</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label="Search the hub" placeholder="words in the name, title, steps or tags" value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <TagsInput label="Tags" placeholder="a tag, then Enter" value={tags} onChange={setTags} />
        <Select label="Sort by" data={SORTS} value={sort} allowDeselect={false} onChange={(v) => setSort((v ?? 'relevance') as HubSort)} />
      </SimpleGrid>
      {search.isError ? <ErrorAlert error={search.error} title="The hub did not answer the search" /> : null}
      <Paper withBorder radius="md" className={classes.card}>
        {search.isPending ? <Skeleton h={120} /> : (
          <TableScroll label="Search results, scrolls sideways">
          <Table verticalSpacing="sm" aria-label="Search results">
            <Table.Thead><Table.Tr><Table.Th>SOP</Table.Th><Table.Th>Version</Table.Th><Table.Th>Tags</Table.Th><Table.Th>Community</Table.Th><Table.Th>Published</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {(search.data ?? []).map((r) => (
                <Table.Tr key={`${r.name}@${r.version}`}>
                  <Table.Td><Text size="sm" fw={500}>{r.title}</Text><Text size="xs" c="dimmed" ff="monospace">{r.name}</Text></Table.Td>
                  <Table.Td><Text size="sm">{r.version}</Text></Table.Td>
                  <Table.Td><Group gap={4}>{r.tags.map((t) => <Badge key={t} size="sm" variant="outline" radius="sm" tt="none" color="gray">{t}</Badge>)}</Group></Table.Td>
                  <Table.Td><Text size="sm">{describeCommunity(r.community)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{formatWhen(r.publishedAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </TableScroll>
        )}
        {search.data !== undefined && search.data.length === 0 ? <Text size="sm" c="dimmed" p="md">Nothing in the hub matches; try fewer words or tags.</Text> : null}
      </Paper>

      <Title order={2} size="h4">Community ranking</Title>
      {ranking.isError ? <ErrorAlert error={ranking.error} title="The hub did not answer the ranking" /> : null}
      <Paper withBorder radius="md" className={classes.card}>
        <TableScroll label="Community ranking, scrolls sideways">
        <Table verticalSpacing="sm" aria-label="Community ranking">
          <Table.Thead><Table.Tr><Table.Th>Rank</Table.Th><Table.Th>SOP</Table.Th><Table.Th>Version</Table.Th><Table.Th>Runs reported</Table.Th><Table.Th>Succeeded</Table.Th><Table.Th>Median / p95</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(ranking.data ?? []).map((e, i) => (
              <Table.Tr key={`${e.name}@${e.version}`}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td><Text size="sm" fw={500}>{e.title}</Text><Text size="xs" c="dimmed" ff="monospace">{e.name}</Text></Table.Td>
                <Table.Td>{e.version}</Table.Td>
                <Table.Td>{e.runs}</Table.Td>
                <Table.Td>{Math.round(e.successRate * 100)} %</Table.Td>
                <Table.Td>{e.p50Ms} ms / {e.p95Ms} ms</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </TableScroll>
        {ranking.data !== undefined && ranking.data.length === 0 ? <Text size="sm" c="dimmed" p="md">No runs reported yet: <Text span ff="monospace" inherit>sopflow hub report</Text> sends a version's figures.</Text> : null}
      </Paper>
    </Stack>
  );
}
