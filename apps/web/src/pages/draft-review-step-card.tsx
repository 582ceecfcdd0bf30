import { useState } from 'react';
import { ActionIcon, Autocomplete, Badge, Blockquote, Button, Grid, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { formatDuration, parseDuration } from '@sopflow/format';
import { END, type DraftEdit, type ReviewStep, type SourceSpan } from './draft-review-edits';
import classes from './pages.module.css';
import own from './draft-review.module.css';

export interface StepCardProps {
  step: ReviewStep;
  /** Every step, for the decisions' targets. */
  steps: readonly ReviewStep[];
  roles: readonly string[];
  onEdit(edit: DraftEdit): void;
}

/** One imported step beside the source text it came from, with its title, role, deadline and decisions editable. */
export function DraftReviewStepCard({ step, steps, roles, onEdit }: StepCardProps) {
  const n = step.number;
  const last = n === steps.length;
  const targets = [...steps.filter((s) => s.id !== step.id).map((s) => ({ value: s.id, label: `${s.number}. ${s.title}` })), { value: END, label: 'End of the procedure' }];
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} component="li" aria-label={`Step ${n}: ${step.title}`}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap={6}>
            <Text size="xs" c="dimmed" fw={500}>Source</Text>
            {step.sources.length === 0 ? <Text size="sm" c="dimmed">No source recorded (added in review).</Text> : step.sources.map((s, i) => <SourceQuote key={i} source={s} />)}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs"><Badge variant="light" color="gray" radius="sm" tt="none">Step {n}</Badge><Text size="xs" c="dimmed" ff="monospace">{step.id}</Text></Group>
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="subtle" disabled={n === 1} aria-label={`Move step ${n} up`} onClick={() => onEdit({ type: 'move', step: step.id, by: -1 })}>Up</Button>
                <Button size="compact-xs" variant="subtle" disabled={last} aria-label={`Move step ${n} down`} onClick={() => onEdit({ type: 'move', step: step.id, by: 1 })}>Down</Button>
                <Button size="compact-xs" variant="subtle" disabled={last} aria-label={`Merge step ${n} with step ${n + 1}`} onClick={() => onEdit({ type: 'mergeWithNext', step: step.id })}>Merge</Button>
                <Button size="compact-xs" variant="subtle" aria-label={`Split step ${n}`} onClick={() => onEdit({ type: 'split', step: step.id })}>Split</Button>
              </Group>
            </Group>
            <TextInput label="Title" aria-label={`Title of step ${n}`} value={step.title} onChange={(e) => onEdit({ type: 'rename', step: step.id, title: e.currentTarget.value })} />
            {step.description !== '' ? <Text size="sm" c="dimmed" className={own.preLine}>{step.description}</Text> : null}
            <Group grow align="flex-start">
              <Autocomplete label="Role" aria-label={`Role of step ${n}`} placeholder="Who does it" data={[...roles]} value={step.role}
                onChange={(role) => onEdit({ type: 'setRole', step: step.id, role })} />
              <DeadlineInput key={step.deadlineSec ?? 'none'} step={step} onEdit={onEdit} />
            </Group>
            {step.otherTimers.length > 0 ? <Text size="xs" c="dimmed">Also found: {step.otherTimers.join('; ')}</Text> : null}
            <Decisions step={step} targets={targets} onEdit={onEdit} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

/** "Page 2 · line 4" (PDF) or "Line 7", and the text the step was read from. */
export function sourcePlace(source: SourceSpan): string {
  const parts = [source.page === undefined ? '' : `Page ${source.page}`, source.line === undefined ? '' : `line ${source.line}`].filter((p) => p !== '');
  const place = parts.join(' · ');
  return place === '' ? `Paragraph ${(source.paragraph ?? 0) + 1}` : place[0]!.toUpperCase() + place.slice(1);
}

function SourceQuote({ source }: { source: SourceSpan }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={500}>{sourcePlace(source)}</Text>
      <Blockquote p="xs" color="gray" className={own.sourceQuote}><Text size="sm">{source.text ?? ''}</Text></Blockquote>
    </Stack>
  );
}

/** The deadline as a duration ("5 d", "2h", "PT30M"); applied when it reads as one, else said what to write. */
function DeadlineInput({ step, onEdit }: { step: ReviewStep; onEdit(edit: DraftEdit): void }) {
  const [text, setText] = useState(step.deadlineSec === null ? '' : formatDuration(step.deadlineSec));
  const [wrong, setWrong] = useState(false);
  const apply = () => {
    const trimmed = text.trim();
    const seconds = trimmed === '' ? null : parseDuration(trimmed);
    if (seconds === undefined || (seconds !== null && seconds <= 0)) { setWrong(true); return; }
    setWrong(false);
    if (seconds !== step.deadlineSec) onEdit({ type: 'setDeadline', step: step.id, seconds, text: trimmed });
  };
  return (
    <TextInput label="Deadline" aria-label={`Deadline of step ${step.number}`} placeholder="none, or e.g. 5d, 2h, 30m" value={text}
      onChange={(e) => setText(e.currentTarget.value)} onBlur={apply} onKeyDown={(e) => { if (e.key === 'Enter') apply(); }}
      error={wrong ? 'Write a duration like 5d, 2h or 30m, or leave it empty.' : undefined} />
  );
}

function Decisions({ step, targets, onEdit }: { step: ReviewStep; targets: { value: string; label: string }[]; onEdit(edit: DraftEdit): void }) {
  const n = step.number;
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" fw={500}>Decisions</Text>
      {step.decisions.length === 0 ? <Text size="sm" c="dimmed">None: the step leads to the next one.</Text> : null}
      {step.decisions.map((d, i) => (
        <Group key={d.key} gap="xs" wrap="nowrap" align="flex-end">
          <TextInput flex={1} size="xs" aria-label={`Condition ${i + 1} of step ${n}`} value={d.label} leftSection={<Text size="xs" c="dimmed">if</Text>}
            onChange={(e) => onEdit({ type: 'setDecision', step: step.id, key: d.key, label: e.currentTarget.value, to: d.to })} />
          <Select w={220} size="xs" aria-label={`Where condition ${i + 1} of step ${n} leads`} data={targets} value={d.to} allowDeselect={false}
            onChange={(to) => { if (to !== null) onEdit({ type: 'setDecision', step: step.id, key: d.key, label: d.label, to }); }} />
          <ActionIcon variant="subtle" color="red" aria-label={`Remove condition ${i + 1} of step ${n}`} onClick={() => onEdit({ type: 'removeDecision', step: step.id, key: d.key })}>
            <span aria-hidden>✕</span>
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="compact-xs" variant="light" aria-label={`Add decision to step ${n}`}
          onClick={() => onEdit({ type: 'addDecision', step: step.id, label: 'the answer is no', to: targets[0]?.value ?? END })}>
          Add decision
        </Button>
      </Group>
    </Stack>
  );
}
