import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { ApiError } from '../api/api-error';
import { useApproveCandidate, useDebrief, useRejectCandidate } from '../api/learning-queries';
import type { ClassifiedDeviation, PatternCorrelation, SopDebrief, UpdateCandidate } from '../api/learning-types';
import { ErrorAlert } from '../components/error-alert';
import { FigureCard } from '../components/figure-card';
import { formatHours, formatPercent, formatPValue } from '../components/format-time';
import classes from './pages.module.css';

/** The deviation classes in the order a reader weighs them, with what each means. */
export const DEVIATION_CLASSES: readonly { id: string; label: string; meaning: string }[] = [
  { id: 'POTENTIAL_ERROR', label: 'Potential error', meaning: 'a deviation in a run that ended badly, or a missing approval' },
  { id: 'ESCALATION', label: 'Escalation', meaning: 'the case went to a person or a higher level' },
  { id: 'EDGE_CASE', label: 'Edge case', meaning: 'a rare case the process did not foresee, handled by judgement' },
  { id: 'ORG_NUANCE', label: 'Organisational nuance', meaning: 'how the team actually works: the written process lags' },
  { id: 'OUTCOME', label: 'Outcome', meaning: 'steps not reached because an approval was denied or the run cancelled' },
];

/** The SOP's debrief: adherence, deviations by class, outcome figures with their significance, update candidates to approve or reject. */
export function DebriefTab({ sopId }: { sopId: string }) {
  const debrief = useDebrief(sopId);
  if (debrief.isPending) return <Skeleton h={240} />;
  if (debrief.isError) {
    if (debrief.error instanceof ApiError && debrief.error.code === 'empty') {
      return <Text size="sm" c="dimmed">No finished runs yet: the debrief reads finished runs. Run the SOP and come back when a run has ended.</Text>;
    }
    return <ErrorAlert error={debrief.error} title="Could not load the debrief" />;
  }
  const { report } = debrief.data;
  return (
    <Stack gap="lg">
      <DebriefSummary debrief={debrief.data} />
      <section aria-labelledby="debrief-classes">
        <Title order={2} size="h5" id="debrief-classes" mb="xs">Deviations by class</Title>
        <DeviationClasses classes={report.classes} deviations={report.deviations} />
      </section>
      <section aria-labelledby="debrief-outcomes">
        <Title order={2} size="h5" id="debrief-outcomes" mb="xs">Outcome figures</Title>
        <OutcomeFigures correlations={report.correlations} />
      </section>
      <section aria-labelledby="debrief-candidates">
        <Title order={2} size="h5" id="debrief-candidates" mb="xs">Update candidates</Title>
        <UpdateCandidates sopId={sopId} candidates={report.updateCandidates} />
      </section>
    </Stack>
  );
}

function DebriefSummary({ debrief }: { debrief: SopDebrief }) {
  const { report } = debrief;
  const figures = [
    { label: 'Runs read', value: String(report.runs), note: `finished runs, read against v${debrief.sop.semver}` },
    { label: 'Adherence', value: formatPercent(report.adherence.runRate), note: 'runs that followed the process or ended by an outcome' },
    { label: 'Mean fitness', value: formatPercent(report.adherence.meanFitness), note: 'how closely runs replay on the process' },
    { label: 'Outcomes', value: `${report.outcomes.approvalDenied.length} denied · ${report.outcomes.cancelled.length} cancelled`, note: 'approvals denied, runs cancelled' },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      {figures.map((f) => (
        <FigureCard key={f.label} {...f} />
      ))}
    </SimpleGrid>
  );
}

function DeviationClasses({ classes: counts, deviations }: { classes: Record<string, number>; deviations: ClassifiedDeviation[] }) {
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" className={classes.tablePaper}>
        <Table className={classes.table} verticalSpacing="xs" horizontalSpacing="md" aria-label="Deviations by class">
          <Table.Thead><Table.Tr><Table.Th>Class</Table.Th><Table.Th ta="right">Deviations</Table.Th><Table.Th>Meaning</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {DEVIATION_CLASSES.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td><Text size="sm" fw={500}>{c.label}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm">{counts[c.id] ?? 0}</Text></Table.Td>
                <Table.Td><Text size="sm" c="dimmed">{c.meaning}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {deviations.length === 0 ? <Text size="sm" c="dimmed">Every run followed the process: no deviations.</Text> : (
        <Paper withBorder radius="md" className={classes.tablePaper}>
          <Table className={classes.table} verticalSpacing="xs" horizontalSpacing="md" aria-label="Deviations">
            <Table.Thead><Table.Tr><Table.Th>Run</Table.Th><Table.Th>Step</Table.Th><Table.Th>What happened</Table.Th><Table.Th>Class</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {deviations.map((d, i) => (
                <Table.Tr key={`${d.runId}-${d.pattern}-${i}`}>
                  <Table.Td><Text size="sm" ff="monospace">{d.runId}</Text></Table.Td>
                  <Table.Td><Text size="sm">{d.nodeId}</Text></Table.Td>
                  <Table.Td><Text size="sm">{d.detail}</Text></Table.Td>
                  <Table.Td><Text size="sm">{DEVIATION_CLASSES.find((c) => c.id === d.class)?.label ?? d.class}</Text><Text size="xs" c="dimmed">rule {d.rule}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

function OutcomeFigures({ correlations }: { correlations: PatternCorrelation[] }) {
  if (correlations.length === 0) return <Text size="sm" c="dimmed">No deviation pattern to relate to outcomes.</Text>;
  return (
    <Paper withBorder radius="md" className={classes.tablePaper}>
      <Table className={classes.table} verticalSpacing="xs" horizontalSpacing="md" aria-label="Outcome figures">
        <Table.Thead>
          <Table.Tr><Table.Th>Pattern</Table.Th><Table.Th ta="right">Runs with it</Table.Th><Table.Th ta="right">Good with</Table.Th><Table.Th ta="right">Good without</Table.Th><Table.Th>Significance</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {correlations.map((c) => {
            const p = formatPValue(c.pValue);
            return (
              <Table.Tr key={c.pattern}>
                <Table.Td><Text size="sm" ff="monospace">{c.pattern}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm">{c.runsWith}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm">{formatPercent(c.rateWith)} ({c.goodWith} of {c.runsWith})</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm">{c.runsWithout === 0 ? 'no runs without it' : `${formatPercent(c.rateWithout)} (${c.goodWithout} of ${c.runsWithout})`}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm">{p.text} — {p.significant ? `significant: outcomes ${c.direction} with it` : 'not significant'}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function UpdateCandidates({ sopId, candidates }: { sopId: string; candidates: UpdateCandidate[] }) {
  if (candidates.length === 0) return <Text size="sm" c="dimmed">No update candidates: no pattern recurs often enough, or ends well enough, to propose a change.</Text>;
  return <Stack gap="sm">{candidates.map((c) => <CandidateCard key={c.id} sopId={sopId} candidate={c} />)}</Stack>;
}

/** Pure; a candidate's title as people read it: a new time limit in minutes or hours, not seconds. */
export function candidateTitle(candidate: Pick<UpdateCandidate, 'title' | 'change'>): string {
  const { change } = candidate;
  if (change.op !== 'set-timeout' || typeof change.timeoutSec !== 'number') return candidate.title;
  return `Set the timeout of "${change.nodeId}" to ${formatHours(change.timeoutSec / 3600)}`;
}

function CandidateCard({ sopId, candidate }: { sopId: string; candidate: UpdateCandidate }) {
  const approve = useApproveCandidate(sopId);
  const reject = useRejectCandidate(sopId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const pending = candidate.status === 'pending' && !approve.isSuccess && !reject.isSuccess;
  const p = formatPValue(candidate.evidence.pValue);
  const submitReject = () => {
    if (reason.trim() === '') { setReasonMissing(true); return; }
    reject.mutate({ candidateId: candidate.id, reason: reason.trim() });
  };
  const title = candidateTitle(candidate);
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} component="article" aria-label={title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text fw={600} size="sm">{title}</Text>
          <Text size="xs" c="dimmed">
            {DEVIATION_CLASSES.find((c) => c.id === candidate.classification)?.label ?? candidate.classification} · seen in {candidate.evidence.runs} run{candidate.evidence.runs === 1 ? '' : 's'} ·
            good outcomes {formatPercent(candidate.evidence.rateWith)} with it{candidate.evidence.rateWithout === undefined ? '' : `, ${formatPercent(candidate.evidence.rateWithout)} without`} · {p.text}
          </Text>
        </Stack>
        <Badge variant="light" color={candidate.status === 'rejected' ? 'gray' : candidate.status === 'pending' ? 'yellow' : 'teal'} tt="none">{approve.isSuccess ? 'approved' : reject.isSuccess ? 'rejected' : candidate.status}</Badge>
      </Group>
      {approve.isSuccess ? <Alert mt="sm" color="teal" variant="light" title="Approved">A new draft version {approve.data.version.semver} holds the change; review and publish it under Versions.</Alert> : null}
      {reject.isSuccess ? <Text mt="sm" size="sm">Rejected: {reject.data.candidate.reason ?? reason}</Text> : null}
      {approve.isError ? <ErrorAlert error={approve.error} title="Could not approve" /> : null}
      {reject.isError ? <ErrorAlert error={reject.error} title="Could not reject" /> : null}
      {pending && rejecting ? (
        <Stack gap="xs" mt="sm">
          <Textarea label="Reason for rejecting" required rows={2} value={reason}
            error={reasonMissing ? 'Give a reason: the team reads it when the pattern comes back.' : undefined}
            onChange={(e) => { setReason(e.currentTarget.value); setReasonMissing(false); }} />
          <Group gap="xs">
            <Button size="xs" color="red" onClick={submitReject} loading={reject.isPending}>Reject</Button>
            <Button size="xs" variant="default" onClick={() => setRejecting(false)}>Cancel</Button>
          </Group>
        </Stack>
      ) : null}
      {pending && !rejecting ? (
        <Group gap="xs" mt="sm">
          <Button size="xs" onClick={() => approve.mutate(candidate.id)} loading={approve.isPending}>Approve</Button>
          <Button size="xs" variant="default" onClick={() => setRejecting(true)}>Reject</Button>
        </Group>
      ) : null}
    </Paper>
  );
}
