import { Paper, Table, Text } from '@mantine/core';
import type { SopStep } from '../api/api-types';
import { DelegationBadge, StepKind, StepStateBadge } from '../components/state-badges';
import classes from './pages.module.css';

/** The SOP's steps in order: role, kind, delegation, and the live state in words (todo, now, done, blocked). */
export function StepsTable({ steps, live }: { steps: SopStep[]; live: boolean }) {
  return (
    <Paper withBorder radius="md" className={classes.tablePaper}>
      <Table verticalSpacing="sm" horizontalSpacing="md" className={classes.table} aria-label="Steps">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>#</Table.Th><Table.Th>Step</Table.Th><Table.Th>Role</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Delegation</Table.Th>
            <Table.Th>{live ? 'State (live)' : 'State'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody aria-live="polite">
          {steps.map((step) => (
            <Table.Tr key={step.id} className={step.state === 'now' ? classes.stepNow : undefined} aria-current={step.state === 'now' ? 'step' : undefined}>
              <Table.Td><Text size="sm" c="dimmed">{step.sequence_order}</Text></Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>{step.title}</Text>
                <Text size="xs" c="dimmed" ff="monospace">{step.id}</Text>
              </Table.Td>
              <Table.Td><Text size="sm" c={step.role === null ? 'dimmed' : undefined}>{step.role ?? '—'}</Text></Table.Td>
              <Table.Td><StepKind type={step.type} /></Table.Td>
              <Table.Td><DelegationBadge state={step.delegation_state} /></Table.Td>
              <Table.Td><StepStateBadge state={step.state} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
