import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Skeleton, Stack, Table, Text, Textarea } from '@mantine/core';
import { isAdministrator } from '../api/admin-queries';
import { ApiError } from '../api/api-error';
import { useMe } from '../api/queries';
import { useChangeDelegation, useDelegation } from '../api/learning-queries';
import type { EvidenceTally, StepReadiness } from '../api/learning-types';
import { ErrorAlert } from '../components/error-alert';
import { formatPercent } from '../components/format-time';
import { DelegationBadge } from '../components/state-badges';
import classes from './pages.module.css';

const SCOPE_WORDS: Record<StepReadiness['scope'], string> = {
  person: 'done by a person', agent: 'done by an agent', automated: 'automated: nothing to delegate', not_applicable: 'not delegable',
};

/** Pure; a trial tally in words: "18 of 20 agreed (90 %, 95 % interval 70–97 %; needs 90 %)". */
export function describeTally(tally: EvidenceTally | undefined, noun: string): string {
  if (tally === undefined || tally.trials === 0) return `no ${noun} yet`;
  return `${tally.successes} of ${tally.trials} ${noun} (${formatPercent(tally.rate)}, 95 % interval ${formatPercent(tally.lower)}–${formatPercent(tally.upper)}; needs ${formatPercent(tally.threshold)})`;
}

/** Pure; the step's readiness in words: what the evidence allows next, or what is missing. */
export function describeReadiness(step: StepReadiness): string {
  const ladder = step.ladder;
  if (ladder === undefined) return step.summary[0] ?? SCOPE_WORDS[step.scope];
  if (ladder.demotion !== undefined) return `${ladder.demotion.urgent ? 'Demote at once' : 'Demote'} to ${ladder.demotion.to.replace('_', ' ')}: ${ladder.demotion.reason}`;
  if (ladder.promotion.to === undefined) return 'At the top of the ladder (autonomous).';
  if (ladder.promotion.ready) return `Ready for ${ladder.promotion.to.replace('_', ' ')}.`;
  return `Not ready for ${ladder.promotion.to.replace('_', ' ')}: ${ladder.promotion.missing.join('; ')}`;
}

/** Per step: delegation state, trial agreement and readiness; Promote or Demote with a reason (a new draft version). */
export function DelegationTab({ sopId }: { sopId: string }) {
  const delegation = useDelegation(sopId);
  if (delegation.isPending) return <Skeleton h={240} />;
  if (delegation.isError && delegation.error instanceof ApiError && delegation.error.code === 'empty') {
    return <Text size="sm" c="dimmed">No finished runs yet: readiness is measured from how each step actually ran. Come back when a run has ended.</Text>;
  }
  if (delegation.isError) return <ErrorAlert error={delegation.error} title="Could not load the delegation evidence" />;
  const d = delegation.data;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">{d.runs} finished run{d.runs === 1 ? '' : 's'} read. {d.history.note}.</Text>
      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-label="Delegation per step">
          <Table.Thead>
            <Table.Tr><Table.Th>Step</Table.Th><Table.Th>State</Table.Th><Table.Th>Trial agreement</Table.Th><Table.Th>Readiness</Table.Th><Table.Th>Change</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>{d.steps.map((step) => <StepRow key={step.nodeId} sopId={sopId} step={step} />)}</Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function StepRow({ sopId, step }: { sopId: string; step: StepReadiness }) {
  const [direction, setDirection] = useState<'promote' | 'demote' | null>(null);
  const delegable = step.state !== undefined && step.ladder !== undefined;
  return (
    <>
      <Table.Tr>
        <Table.Td><Text size="sm" fw={500}>{step.name}</Text><Text size="xs" c="dimmed">{step.nodeId} · {step.executions} execution{step.executions === 1 ? '' : 's'}</Text></Table.Td>
        <Table.Td>{step.state !== undefined ? <DelegationBadge state={step.state} /> : <Text size="sm" c="dimmed">{SCOPE_WORDS[step.scope]}</Text>}</Table.Td>
        <Table.Td><Text size="sm">{delegable ? describeTally(step.ladder?.trials, 'trials agreed') : '—'}</Text></Table.Td>
        <Table.Td maw={320}><Text size="sm">{describeReadiness(step)}</Text></Table.Td>
        <Table.Td>
          {delegable ? (
            <Group gap={6} wrap="nowrap">
              <Button size="xs" variant="default" disabled={step.state === 'agent_autonomous'} aria-label={`Promote ${step.name}`} onClick={() => setDirection('promote')}>Promote</Button>
              <Button size="xs" variant="default" disabled={step.state === 'human_only'} aria-label={`Demote ${step.name}`} onClick={() => setDirection('demote')}>Demote</Button>
            </Group>
          ) : null}
        </Table.Td>
      </Table.Tr>
      {direction !== null ? (
        <Table.Tr>
          <Table.Td colSpan={5}><ChangeForm sopId={sopId} step={step} direction={direction} onClose={() => setDirection(null)} /></Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

function ChangeForm({ sopId, step, direction, onClose }: { sopId: string; step: StepReadiness; direction: 'promote' | 'demote'; onClose: () => void }) {
  const change = useChangeDelegation(sopId);
  const me = useMe();
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [reasonMissing, setReasonMissing] = useState(false);
  const verb = direction === 'promote' ? 'Promote' : 'Demote';
  const submit = () => {
    if (reason.trim() === '') { setReasonMissing(true); return; }
    change.mutate({ stepId: step.nodeId, direction, reason: reason.trim(), ...(override ? { override: true } : {}) });
  };
  if (change.isSuccess) {
    return (
      <Alert color="teal" variant="light" title={`${verb}d ${step.name}`} withCloseButton onClose={onClose}>
        Proposed {change.data.decision.from.replace('_', ' ')} → {change.data.decision.to.replace('_', ' ')} as draft version {change.data.version.semver}; it takes effect when the draft is published.
      </Alert>
    );
  }
  const refusal = change.error instanceof ApiError && change.error.code === 'not_enough_evidence' ? change.error : null;
  return (
    <Stack gap="xs" maw={640}>
      <Textarea label={`Reason to ${direction} ${step.name}`} required rows={2} value={reason}
        error={reasonMissing ? 'Give a reason: it is recorded with the decision.' : undefined}
        onChange={(e) => { setReason(e.currentTarget.value); setReasonMissing(false); }} />
      {isAdministrator(me.data?.user.accountRoles) ? (
        <Checkbox label="Override: propose it without the evidence the ladder asks for (recorded as an override)" checked={override} onChange={(e) => setOverride(e.currentTarget.checked)} />
      ) : null}
      {refusal !== null ? (
        <Alert color="orange" variant="light" title="Not enough evidence" role="alert">
          <Text size="sm">{refusal.message}</Text>
          <Text size="sm" c="dimmed" mt={4}>Let the step gather more trial runs first{isAdministrator(me.data?.user.accountRoles) ? ', or override with a reason' : ''}.</Text>
        </Alert>
      ) : change.isError ? <ErrorAlert error={change.error} title={`Could not ${direction}`} /> : null}
      <Group gap="xs">
        <Button size="xs" onClick={submit} loading={change.isPending}>{verb}</Button>
        <Button size="xs" variant="default" onClick={onClose}>Cancel</Button>
      </Group>
    </Stack>
  );
}
