import type { Workflow } from '@sopflow/format';

/** CEL type names (and their common JSON spellings) → a check of a JSON value; unlisted names (dyn, any, ...) take anything. */
const TYPE_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  uint: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  double: (v) => typeof v === 'number' && Number.isFinite(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  float: (v) => typeof v === 'number' && Number.isFinite(v),
  bool: (v) => typeof v === 'boolean',
  boolean: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v),
  array: (v) => Array.isArray(v),
  map: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
};

/**
 * Pure; the problems with a run's inputs against the workflow's declared inputs: a required input
 * missing, a name the workflow does not declare (unless `allowUndeclared`: a child run's inherited input),
 * a value not of the declared type. Empty when fine.
 * @example checkRunInputs(workflow, { amount: 'ten' }) → ['input amount must be double, not string']
 */
export function checkRunInputs(workflow: Workflow, inputs: Readonly<Record<string, unknown>>, options: { allowUndeclared?: boolean } = {}): string[] {
  const problems: string[] = [];
  const declared = new Map(workflow.inputs.map((i) => [i.name, i]));
  const missing = workflow.inputs.filter((i) => i.required === true && inputs[i.name] === undefined).map((i) => i.name);
  if (missing.length > 0) problems.push(`missing required input${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  for (const [name, value] of Object.entries(inputs)) {
    const spec = declared.get(name);
    if (spec === undefined) {
      if (options.allowUndeclared === true) continue;
      const known = workflow.inputs.length === 0 ? 'it declares no inputs' : `it declares ${workflow.inputs.map((i) => i.name).join(', ')}`;
      problems.push(`unknown input ${name}: workflow ${workflow.id} does not declare it (${known})`);
      continue;
    }
    const check = spec.type === undefined ? undefined : TYPE_CHECKS[spec.type.toLowerCase()];
    if (value !== undefined && value !== null && check !== undefined && !check(value)) {
      problems.push(`input ${name} must be ${spec.type}, not ${Array.isArray(value) ? 'a list' : typeof value}${typeof value === 'string' ? ` ("${value.slice(0, 40)}")` : ''}`);
    }
  }
  return problems;
}
