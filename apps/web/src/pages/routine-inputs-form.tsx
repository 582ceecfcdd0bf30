import type { RJSFSchema } from '@rjsf/utils';
import { Stack, Text } from '@mantine/core';
import type { SopInput } from '../api/api-types';
import { TaskForm } from './task-form';

/** A declared CEL type as a JSON Schema type; anything else (dyn, untyped) is asked for as text. */
const JSON_TYPES: Readonly<Record<string, RJSFSchema>> = {
  int: { type: 'integer' }, integer: { type: 'integer' }, uint: { type: 'integer', minimum: 0 },
  double: { type: 'number' }, number: { type: 'number' }, float: { type: 'number' },
  bool: { type: 'boolean' }, boolean: { type: 'boolean' },
  list: { type: 'array', items: { type: 'string' } }, array: { type: 'array', items: { type: 'string' } },
};

/** Pure; the routine's form for the SOP's declared inputs that are not secret (their own JSON Schema, else one from the type), or null when there are none. */
export function routineInputsSchema(inputs: readonly SopInput[]): RJSFSchema | null {
  const asked = inputs.filter((i) => !i.secret);
  if (asked.length === 0) return null;
  const properties = Object.fromEntries(asked.map((i): [string, RJSFSchema] => {
    const own = i.schema !== null && typeof i.schema === 'object' ? i.schema as RJSFSchema : JSON_TYPES[i.type?.toLowerCase() ?? ''] ?? { type: 'string' };
    return [i.name, { title: i.name, ...(i.description === null ? {} : { description: i.description }), ...own }];
  }));
  return { type: 'object', required: asked.filter((i) => i.required).map((i) => i.name), properties };
}

/** Pure; the form's data as the routine stores it: fields left empty are not sent. */
export function filledInputs(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== ''));
}

/** The inputs each fire starts its run with, as a form from the SOP's declared inputs; secret inputs are named, never asked for. */
export function RoutineInputsForm({ inputs, data, onChange }: { inputs: readonly SopInput[]; data: Record<string, unknown>; onChange(data: Record<string, unknown>): void }) {
  const schema = routineInputsSchema(inputs);
  const secrets = inputs.filter((i) => i.secret).map((i) => i.name);
  if (schema === null && secrets.length === 0) return null;
  return (
    <Stack gap={4} role="group" aria-label="Inputs of each run">
      <Text size="sm" fw={500}>Inputs of each run</Text>
      {schema === null ? null : <TaskForm schema={schema} data={data} onChange={onChange} idPrefix="routine-inputs" />}
      {secrets.length > 0 ? (
        <Text size="sm" c="dimmed">
          {secrets.join(', ')} {secrets.length === 1 ? 'is a secret' : 'are secrets'}: a routine never keeps secrets, so the step reads {secrets.length === 1 ? 'it' : 'them'} from the server’s secrets or environment.
        </Text>
      ) : null}
    </Stack>
  );
}
