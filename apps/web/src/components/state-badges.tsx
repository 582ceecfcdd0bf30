import { Badge, Group, Text } from '@mantine/core';
import type { DelegationState, StepState } from '../api/api-types';

const STATE_COLOR: Record<StepState, string> = { todo: 'gray', now: 'blue', done: 'teal', blocked: 'red' };
const STATE_MARK: Record<StepState, string> = { todo: '○', now: '◐', done: '●', blocked: '✕' };

/** A step's live state, as a word (the contract, or `label`: the same state in plainer words) with a colour and a mark that only repeat it. */
export function StepStateBadge({ state, label = state }: { state: StepState; label?: string }) {
  return (
    <Badge color={STATE_COLOR[state]} variant={state === 'todo' ? 'outline' : 'light'} radius="sm" tt="none" miw="max-content" leftSection={<span aria-hidden>{STATE_MARK[state]}</span>}>
      {label}
    </Badge>
  );
}

const SOP_STATUS_COLOR: Record<string, string> = { active: 'teal', draft: 'yellow', archived: 'gray' };

/** An SOP's status: draft, active or archived. */
export function SopStatusBadge({ status }: { status: string }) {
  return <Badge color={SOP_STATUS_COLOR[status] ?? 'gray'} variant="light" radius="sm" tt="none" miw="max-content">{status}</Badge>;
}

const RUN_STATUS_COLOR: Record<string, string> = { running: 'blue', waiting: 'violet', completed: 'teal', failed: 'red', cancelled: 'gray' };

/** A run's status: running, waiting, completed, failed or cancelled. */
export function RunStatusBadge({ status }: { status: string }) {
  return <Badge color={RUN_STATUS_COLOR[status] ?? 'gray'} variant="dot" radius="sm" tt="none" miw="max-content">{status}</Badge>;
}

const KIND_LABEL: Record<string, string> = { human: 'human', agent: 'agent' };

/** Who does a step: a person (human), an agent, or the system (every automated type). */
export function StepKind({ type }: { type: string }) {
  const kind = KIND_LABEL[type] ?? 'system';
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{kind}</Text>
      {kind === 'system' && type !== 'system' ? <Text size="xs" c="dimmed">({type})</Text> : null}
    </Group>
  );
}

/** Each delegation state's words (`short` where many stand side by side, as in the library's mix) and colour, in the ladder's order. */
export const DELEGATION: Record<DelegationState, { label: string; short: string; color: string }> = {
  human_only: { label: 'human only', short: 'human', color: 'gray' },
  trialing: { label: 'trialing', short: 'trialing', color: 'yellow' },
  agent_supervised: { label: 'agent, supervised', short: 'supervised', color: 'violet' },
  agent_autonomous: { label: 'autonomous', short: 'autonomous', color: 'indigo' },
};

/** Where a step stands on the way to delegation. */
export function DelegationBadge({ state }: { state: DelegationState }) {
  const d = DELEGATION[state];
  return <Badge color={d.color} variant="outline" radius="sm" tt="none" size="sm" miw="max-content">{d.label}</Badge>;
}
