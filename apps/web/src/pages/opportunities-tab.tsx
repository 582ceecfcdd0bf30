import { Skeleton, Stack, Text } from '@mantine/core';
import { usePortfolio } from '../api/learning-queries';
import { ErrorAlert } from '../components/error-alert';
import { formatMoney } from '../components/format-time';
import { currencyOf } from './opportunities-assumptions';
import { OpportunitiesTable } from './opportunities-table';

/** This SOP's delegation opportunities (ranked across the tenant), their assumptions editable, and the steps left out with why. */
export function OpportunitiesTab({ sopId }: { sopId: string }) {
  const portfolio = usePortfolio();
  if (portfolio.isPending) return <Skeleton h={200} />;
  if (portfolio.isError) return <ErrorAlert error={portfolio.error} title="Could not load the opportunities" />;
  const items = portfolio.data.items.filter((o) => o.sopId === sopId);
  const excluded = portfolio.data.excluded.filter((e) => e.sopId === sopId);
  if (portfolio.data.withoutRuns.includes(sopId)) {
    return <Text size="sm" c="dimmed">No finished runs yet: opportunities are estimated from how the SOP actually runs.</Text>;
  }
  const total = items.reduce((sum, o) => sum + Math.max(0, o.monthlyValue ?? 0), 0);
  return (
    <Stack gap="md">
      {items.length === 0 ? <Text size="sm" c="dimmed">No step of this SOP is an opportunity to delegate.</Text> : (
        <>
          <Text size="sm">{items.length} opportunit{items.length === 1 ? 'y' : 'ies'}, worth {formatMoney(total, currencyOf(items))} per month together (rank across all SOPs shown).</Text>
          <OpportunitiesTable items={items} showSop={false} label="Opportunities of this SOP" />
        </>
      )}
      {excluded.length > 0 ? (
        <Stack gap={2}>
          <Text size="sm" fw={500}>Steps left out</Text>
          {excluded.map((e) => <Text key={e.nodeId} size="sm" c="dimmed"><Text span ff="monospace" size="sm">{e.nodeId}</Text>: {e.reason}</Text>)}
        </Stack>
      ) : null}
    </Stack>
  );
}
