import { useMemo } from 'react';
import { Skeleton, Stack, Text } from '@mantine/core';
import type { SopDetail, StepState } from '../api/api-types';
import { useVersionDocument } from '../api/version-queries';
import { ErrorAlert } from '../components/error-alert';
import { LazyProcessGraph } from '../components/graph/lazy-process-graph';

/**
 * The SOP's current version as a graph; the step of the latest run that is `now` is highlighted,
 * following the same live SOP data (events or polling) as the Steps tab.
 */
export function SopGraphTab({ sop }: { sop: SopDetail }) {
  const document = useVersionDocument(sop.id, sop.version);
  const progress = JSON.stringify(sop.steps.map((s) => [s.id, s.state]));
  // A new object only when some state changed, so the graph redraws only then.
  const stepStates = useMemo(() => Object.fromEntries(JSON.parse(progress) as [string, StepState][]), [progress]);
  if (document.isPending) return <Skeleton h={560} />;
  if (document.isError) return <ErrorAlert error={document.error} title="Could not load this version’s graph" />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        Version {document.data.version.semver}, {document.data.workflow.nodes.length} steps, a lane per role.
        {sop.run !== null ? ` Step states are those of the latest run (${sop.run.status}).` : ' No run yet.'}
      </Text>
      <LazyProcessGraph workflow={document.data.workflow} stepStates={sop.run === null ? undefined : stepStates} />
    </Stack>
  );
}
