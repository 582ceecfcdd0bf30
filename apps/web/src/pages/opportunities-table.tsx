import { Fragment, useState } from 'react';
import { Button, Paper, Table, Text } from '@mantine/core';
import type { TenantOpportunity } from '../api/learning-types';
import { AnchorLink } from '../components/anchor-link';
import { formatMoney } from '../components/format-time';
import { DelegationBadge } from '../components/state-badges';
import { AssumptionsEditor, currencyOf } from './opportunities-assumptions';
import classes from './pages.module.css';

/** Ranked opportunities with their expected monthly value; each row opens its assumptions for editing. */
export function OpportunitiesTable({ items, showSop, label }: { items: TenantOpportunity[]; showSop: boolean; label: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const columns = showSop ? 8 : 7;
  return (
    <Paper withBorder radius="md" className={classes.tablePaper}>
      <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">Rank</Table.Th>{showSop ? <Table.Th>SOP</Table.Th> : null}<Table.Th>Step</Table.Th><Table.Th>Now → evidence supports</Table.Th>
            <Table.Th ta="right">Expected value / month</Table.Th><Table.Th ta="right">Potential / month</Table.Th><Table.Th ta="right">Cumulative</Table.Th><Table.Th>Assumptions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((o) => (
            <Fragment key={o.id}>
              <Table.Tr>
                <Table.Td ta="right"><Text size="sm">{o.rank}</Text></Table.Td>
                {showSop ? <Table.Td><AnchorLink to="/sops/$sopId" params={{ sopId: o.sopId }} size="sm">{o.sopTitle}</AnchorLink></Table.Td> : null}
                <Table.Td><Text size="sm" ff="monospace">{o.nodeId}</Text></Table.Td>
                <Table.Td><DelegationBadge state={o.state} /> <Text span size="sm" c="dimmed">→</Text> <DelegationBadge state={o.suggestedState} /></Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={500}>{formatMoney(o.monthlyValue, currencyOf([o]))}</Text>
                  {o.monthlyValue === undefined && o.history !== undefined ? <Text size="xs" c="dimmed">{o.history.note}</Text> : null}
                </Table.Td>
                <Table.Td ta="right"><Text size="sm">{formatMoney(o.potentialMonthlyValue, currencyOf([o]))}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm">{formatMoney(o.cumulativeValue, currencyOf(items.slice(0, o.rank)))}</Text></Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" aria-expanded={open === o.id} aria-label={`Assumptions of ${o.sopTitle}: ${o.nodeId}`}
                    onClick={() => setOpen(open === o.id ? null : o.id)}>
                    Assumptions
                  </Button>
                </Table.Td>
              </Table.Tr>
              {open === o.id ? (
                <Table.Tr><Table.Td colSpan={columns}><AssumptionsEditor opportunity={o} /></Table.Td></Table.Tr>
              ) : null}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
