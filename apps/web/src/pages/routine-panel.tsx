import { useState } from 'react';
import { Button, Group, Paper, Radio, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '../api/api-error';
import type { SopDetail } from '../api/api-types';
import { useSetRoutine } from '../api/learning-queries';
import { ErrorAlert } from '../components/error-alert';
import { filledInputs, RoutineInputsForm } from './routine-inputs-form';
import classes from './pages.module.css';

/** The schedule presets, as cron expressions (minute hour day-of-month month day-of-week). */
export const ROUTINE_PRESETS: readonly { value: string; label: string; cron: string }[] = [
  { value: 'hourly', label: 'Hourly', cron: '0 * * * *' },
  { value: 'daily', label: 'Daily 09:00', cron: '0 9 * * *' },
  { value: 'weekdays', label: 'Weekdays 09:00', cron: '0 9 * * 1-5' },
  { value: 'weekly', label: 'Weekly, Monday 09:00', cron: '0 9 * * 1' },
];

/** Pure; the preset a cron expression is, else `custom`. */
export function presetOf(schedule: string | null | undefined): string {
  return ROUTINE_PRESETS.find((p) => p.cron === schedule?.trim())?.value ?? (schedule === null || schedule === undefined ? 'daily' : 'custom');
}

/** Pure; a fire time as the zone's local time, e.g. "Mon 8 Dec, 09:00". */
export function formatFireTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

// The browser's list of IANA zones leaves out UTC itself; it leads here.
const ZONES: string[] = ['UTC', ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC') : [])];
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The SOP's routine: on or off, a preset or a custom cron expression, the time zone, the inputs of each run, and the next fire times (the server's validation in words). */
export function RoutinePanel({ sop }: { sop: SopDetail }) {
  const routine = sop.routine;
  const setRoutine = useSetRoutine(sop.id);
  const [preset, setPreset] = useState(presetOf(routine?.schedule));
  const [custom, setCustom] = useState(routine?.schedule ?? '');
  const [timezone, setTimezone] = useState(routine?.timezone ?? LOCAL_ZONE);
  const [inputs, setInputs] = useState<Record<string, unknown>>(routine?.inputs ?? {});
  const schedule = preset === 'custom' ? custom.trim() : ROUTINE_PRESETS.find((p) => p.value === preset)!.cron;
  const enabled = setRoutine.data?.routine.enabled ?? routine?.enabled ?? false;
  const fires = setRoutine.data !== undefined ? setRoutine.data.routine.nextFireTimes : routine?.enabled === true && routine.nextFireAt !== null ? [routine.nextFireAt] : [];
  const refusedField = setRoutine.error instanceof ApiError ? (setRoutine.error.details as { field?: string } | undefined)?.field : undefined;
  // Turning off keeps the stored schedule: whatever is half-typed in the form is not sent.
  const save = (on: boolean) => setRoutine.mutate(on ? { enabled: true, ...(schedule === '' ? {} : { schedule }), timezone, inputs: filledInputs(inputs) } : { enabled: false });

  return (
    <Paper withBorder radius="md" p="md" className={classes.card} component="section" aria-labelledby="routine-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5" id="routine-title">Routine</Title>
          <Switch label="Run on a schedule" checked={enabled} disabled={setRoutine.isPending} onChange={(e) => save(e.currentTarget.checked)} />
        </Group>
        <Radio.Group label="Schedule" value={preset} onChange={setPreset}>
          <Group gap="md" mt={4}>
            {ROUTINE_PRESETS.map((p) => <Radio key={p.value} value={p.value} label={p.label} />)}
            <Radio value="custom" label="Custom" />
          </Group>
        </Radio.Group>
        <Group align="flex-start" gap="sm">
          {preset === 'custom' ? (
            <TextInput label="Cron expression" description="minute hour day month weekday, e.g. 30 8 * * 1-5" w={260} value={custom}
              error={refusedField === 'schedule' ? 'The server refused this expression (see below).' : undefined}
              onChange={(e) => setCustom(e.currentTarget.value)} />
          ) : <Text size="sm" c="dimmed" mt={4}>cron <Text span ff="monospace" size="sm">{schedule}</Text></Text>}
          <Select label="Time zone" data={ZONES.includes(timezone) ? ZONES : [timezone, ...ZONES]} searchable limit={50} w={240} value={timezone} allowDeselect={false}
            error={refusedField === 'timezone' ? 'The server does not know this time zone.' : undefined}
            onChange={(v) => setTimezone(v ?? LOCAL_ZONE)} />
        </Group>
        <RoutineInputsForm inputs={sop.inputs} data={inputs} onChange={setInputs} />
        <Group gap="xs">
          <Button size="xs" onClick={() => save(true)} loading={setRoutine.isPending}>{enabled ? 'Save schedule' : 'Save and turn on'}</Button>
        </Group>
        {setRoutine.isError ? <ErrorAlert error={setRoutine.error} title="The routine was not saved" /> : null}
        <div aria-live="polite">
          {enabled && fires.length > 0 ? (
            <Stack gap={2}>
              <Text size="sm" fw={500}>Next fire times ({setRoutine.data?.routine.timezone ?? routine?.timezone ?? timezone})</Text>
              <ol aria-label="Next fire times" style={{ margin: 0, paddingLeft: 20 }}>
                {fires.map((f) => <li key={f}><Text size="sm">{formatFireTime(f, setRoutine.data?.routine.timezone ?? routine?.timezone ?? timezone)}</Text></li>)}
              </ol>
            </Stack>
          ) : <Text size="sm" c="dimmed">{enabled ? 'On; the next fire time is being worked out.' : 'Off: the SOP runs only when someone presses Run.'}</Text>}
        </div>
      </Stack>
    </Paper>
  );
}
