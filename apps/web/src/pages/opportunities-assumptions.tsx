import { useState } from 'react';
import { Badge, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { ApiError } from '../api/api-error';
import { useUpdateAssumptions } from '../api/learning-queries';
import type { Assumption, Opportunity, TenantOpportunity } from '../api/learning-types';
import { ErrorAlert } from '../components/error-alert';
import { formatMoney, formatQuantity, formatWhen } from '../components/format-time';
import classes from './pages.module.css';

const LABELS: Record<string, string> = {
  costPerHour: 'Cost per hour', timeSavedShare: 'Time saved share', automationShare: 'Automation share', runningCostPerExecution: 'Running cost per execution',
  fixedMonthlyCost: 'Fixed monthly cost', frequencyPerMonth: 'Executions per month', hoursPerExecution: 'Hours per execution', stepHours: 'Time per execution',
};

/** Pure; the currency every opportunity's value is in (its cost per hour's unit, "USD/hour" → "USD"), or null when they differ or none says. */
export function currencyOf(items: readonly Opportunity[]): string | null {
  const codes = new Set(items.map((o) => /^([A-Z]{3})\//.exec(o.assumptions.costPerHour?.unit ?? '')?.[1] ?? null));
  return codes.size === 1 ? [...codes][0]! : null;
}

/** Pure; an assumption's name for people ("costPerHour" → "Cost per hour"). */
export function assumptionLabel(name: string): string {
  return LABELS[name] ?? name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

/** The figures a person may set (the server's EDITABLE_ASSUMPTIONS); the rest are measured from the runs. */
const EDITABLE = new Set(['costPerHour', 'timeSavedShare', 'automationShare', 'runningCostPerExecution', 'fixedMonthlyCost', 'frequencyPerMonth', 'minHistoryDays']);

/** Offered even when the estimate has none yet: a frequency to use when the history is too short to measure one. */
const ALWAYS_OFFERED: Record<string, Assumption> = {
  frequencyPerMonth: { value: Number.NaN, unit: 'executions/month', source: 'default', note: 'not measured yet: give one to estimate the value now' },
};

const SOURCE_COLOR: Record<Assumption['source'], string> = { measured: 'teal', given: 'indigo', default: 'gray' };

/**
 * An opportunity's assumptions, each editable in place; Save sends the changed ones
 * (PATCH /api/opportunities/:id) and the server's recomputed value is shown. A refused figure
 * is marked on its field.
 */
export function AssumptionsEditor({ opportunity }: { opportunity: TenantOpportunity }) {
  const update = useUpdateAssumptions();
  const [edits, setEdits] = useState<Record<string, number>>({});
  const assumptions = { ...ALWAYS_OFFERED, ...opportunity.assumptions };
  const names = Object.keys(assumptions).sort();
  const changed = Object.entries(edits).filter(([name, value]) => Number.isFinite(value) && value !== assumptions[name]?.value);
  const refusedField = update.error instanceof ApiError ? fieldOf(update.error) : undefined;
  const save = () => update.mutate({ opportunityId: opportunity.id, assumptions: Object.fromEntries(changed) }, { onSuccess: () => setEdits({}) });
  return (
    <Stack gap="xs">
      <Table verticalSpacing={4} horizontalSpacing="sm" aria-label={`Assumptions of ${opportunity.sopTitle}: ${opportunity.nodeId}`}>
        <Table.Thead><Table.Tr><Table.Th>Assumption</Table.Th><Table.Th>Value</Table.Th><Table.Th>Source</Table.Th><Table.Th>Note</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {names.map((name) => {
            const a = assumptions[name]!;
            return (
              <Table.Tr key={name}>
                <Table.Td><Text size="sm">{assumptionLabel(name)}</Text></Table.Td>
                <Table.Td>
                  {!EDITABLE.has(name) ? <Text size="sm">{formatQuantity(a.value, a.unit)}</Text> : <NumberInput size="xs" w={unitWidth(a.unit) + 96} aria-label={`${assumptionLabel(name)} (${a.unit})`} value={edits[name] ?? (Number.isFinite(a.value) ? roundForInput(a.value) : '')} decimalScale={4}
                    thousandSeparator="," rightSection={<Text size="xs" c="dimmed" pr={6}>{a.unit}</Text>} rightSectionWidth={unitWidth(a.unit)}
                    error={refusedField === name ? update.error!.message : undefined}
                    onChange={(v) => setEdits((prev) => ({ ...prev, [name]: typeof v === 'number' ? v : Number(v) }))} />}
                </Table.Td>
                <Table.Td className={classes.fitContent}>
                  <Badge size="sm" variant="light" color={SOURCE_COLOR[a.source]} tt="none" className={classes.wholeBadge}>{Number.isFinite(a.value) ? a.source : 'not set'}</Badge>
                </Table.Td>
                <Table.Td><Text size="xs" c="dimmed">{a.note}</Text></Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {opportunity.edited ? <Text size="xs" c="dimmed">Last edited by {opportunity.edited.by}, {formatWhen(opportunity.edited.at)}.</Text> : null}
      {update.isError && refusedField === undefined ? <ErrorAlert error={update.error} title="The assumptions were not saved" /> : null}
      {update.isSuccess ? (
        <Text size="sm" role="status">Saved. Recomputed expected value: {formatMoney(update.data.opportunity.monthlyValue, currencyOf([update.data.opportunity]))} per month.</Text>
      ) : null}
      <Group gap="xs">
        <Button size="xs" onClick={save} disabled={changed.length === 0} loading={update.isPending} aria-label={`Save assumptions of ${opportunity.sopTitle}: ${opportunity.nodeId}`}>Save assumptions</Button>
        {changed.length > 0 ? <Button size="xs" variant="subtle" color="gray" onClick={() => { setEdits({}); update.reset(); }}>Discard changes</Button> : null}
      </Group>
    </Stack>
  );
}

/** Pure; the width a unit label needs beside a number input, in pixels. */
function unitWidth(unit: string): number {
  return Math.max(28, unit.length * 7 + 12);
}

/** Pure; a measured figure rounded for editing (three significant digits past the point, never more than four decimals). */
function roundForInput(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value * 100) / 100 : Number(value.toPrecision(3));
}

function fieldOf(error: ApiError): string | undefined {
  const details = error.details as { field?: unknown } | undefined;
  if (typeof details?.field !== 'string') return undefined;
  // `assumptions.costPerHour` or `costPerHour`.
  return details.field.replace(/^assumptions\./, '');
}
