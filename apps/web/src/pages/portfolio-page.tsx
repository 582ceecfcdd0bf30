import { SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { usePortfolio } from '../api/learning-queries';
import { ErrorAlert } from '../components/error-alert';
import { formatMoney } from '../components/format-time';
import { currencyOf } from './opportunities-assumptions';
import { OpportunitiesTable } from './opportunities-table';
import { FigureCard as Figure } from '../components/figure-card';

/** Every opportunity of the tenant ranked by expected value, the totals, and each one's assumptions editable in place. */
export function PortfolioPage() {
  const portfolio = usePortfolio();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h3">Portfolio</Title>
        <Text size="sm" c="dimmed">Steps worth delegating to an agent, ranked by expected value per month. Every figure is an assumption you can change.</Text>
      </div>
      {portfolio.isPending ? <Skeleton h={240} /> : null}
      {portfolio.isError ? <ErrorAlert error={portfolio.error} title="Could not load the portfolio" /> : null}
      {portfolio.data !== undefined ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Figure label="Total expected value / month" value={formatMoney(portfolio.data.totalValue, currencyOf(portfolio.data.items))} />
            <Figure label="Total potential value / month" value={formatMoney(portfolio.data.items.reduce((sum, o) => sum + Math.max(0, o.potentialMonthlyValue ?? 0), 0), currencyOf(portfolio.data.items))} />
            <Figure label="Opportunities" value={String(portfolio.data.items.length)} />
            <Figure label="SOPs without finished runs" value={String(portfolio.data.withoutRuns.length)} />
          </SimpleGrid>
          {portfolio.data.items.length === 0
            ? <Text size="sm" c="dimmed">No opportunities yet: they come from finished runs of steps a person or an agent does.</Text>
            : <OpportunitiesTable items={portfolio.data.items} showSop label="Opportunities" />}
        </>
      ) : null}
    </Stack>
  );
}
