import { Paper, Text } from '@mantine/core';
import type { AuditReport } from '../api/api-types';
import classes from './pages.module.css';

/** Pure; the audit chain's state in words: intact (how many events, keyed or plain SHA-256) or broken at which event and why. */
export function describeAudit(audit: AuditReport): { headline: string; detail: string } {
  if (!audit.ok) {
    const first = audit.breaks[0];
    return {
      headline: 'Audit chain broken',
      detail: first === undefined ? 'the chain does not verify' : `${first.seq === 0 ? 'the run' : `event ${first.seq}`} ${first.problem}: ${first.message}`,
    };
  }
  const sealed = audit.keyed && audit.unkeyedRuns.length === 0 ? `sealed with key ${audit.keyId ?? ''}`.trim() : 'plain SHA-256, not keyed';
  return { headline: 'Audit chain intact', detail: `${audit.eventsChecked} events verified, ${sealed}` };
}

/** The run's audit status as a fact card; "checking…" until the server has recomputed the chain. */
export function RunAuditStatus({ audit, error }: { audit: AuditReport | undefined; error: boolean }) {
  const words = audit === undefined ? { headline: error ? 'Audit not checked' : 'Checking the audit chain…', detail: error ? 'the server could not verify it; try again' : '' } : describeAudit(audit);
  return (
    <Paper withBorder radius="md" px="md" py="xs" className={classes.card} aria-label="Audit chain">
      <Text size="xs" c="dimmed">Audit</Text>
      <Text size="sm" fw={500}>{audit !== undefined && !audit.ok ? '✕ ' : audit?.ok ? '✓ ' : ''}{words.headline}</Text>
      {words.detail !== '' ? <Text size="xs" c="dimmed">{words.detail}</Text> : null}
    </Paper>
  );
}
