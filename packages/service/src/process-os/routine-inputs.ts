import { isSecretKey, knownTokenShape, type IoSpec, type Workflow } from '@sopflow/format';
import { checkRunInputs } from '@sopflow/engine';

/** An input the SOP declares, as a form shows it; a `secret` one is named but a routine never fills it. */
export interface SopInputView {
  name: string;
  description: string | null;
  required: boolean;
  /** The declared CEL type (string, int, double, bool, list, map, …); null when untyped. */
  type: string | null;
  /** The declared JSON Schema of the value, when the SOP gives one. */
  schema: unknown;
  secret: boolean;
}

/** Pure; whether a declared input holds a credential: its name says so (`db_password`, `api_key`, …) or its JSON Schema is `writeOnly` or `format: password`. */
export function isSecretInput(spec: IoSpec): boolean {
  const schema = spec.schema !== null && typeof spec.schema === 'object' ? spec.schema as { writeOnly?: unknown; format?: unknown } : {};
  return isSecretKey(spec.name) || schema.writeOnly === true || schema.format === 'password';
}

/** Pure; the workflow's declared inputs as forms show them. */
export function sopInputViews(workflow: Workflow): SopInputView[] {
  return workflow.inputs.map((spec) => ({
    name: spec.name, description: spec.description ?? null, required: spec.required === true, type: spec.type ?? null, schema: spec.schema ?? null, secret: isSecretInput(spec),
  }));
}

const SECRET_ADVICE = 'a routine keeps its inputs in the database as they are, so it never holds secrets; let the step read it from ${secrets.NAME} or the environment instead';

/**
 * Pure; the problems with a routine's inputs against the workflow's declared inputs, each naming
 * its input: the run's own checks (a required input missing, an undeclared name, a wrong type),
 * plus secrets: a value for a secret input, a required secret input (no routine can give it) and
 * a value shaped like a known token. Empty when a fire can start its run with them.
 * @example routineInputProblems(deploy, { git_ref: 'main' }) → ['missing required input: service']
 */
export function routineInputProblems(workflow: Workflow, inputs: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const secret = new Set(workflow.inputs.filter(isSecretInput).map((spec) => spec.name));
  for (const spec of workflow.inputs.filter((s) => secret.has(s.name))) {
    if (inputs[spec.name] !== undefined) problems.push(`input ${spec.name} is a secret: ${SECRET_ADVICE}`);
    else if (spec.required === true) problems.push(`input ${spec.name} is required and a secret, so no routine can give it: ${SECRET_ADVICE}, and make the input optional`);
  }
  const plain = Object.fromEntries(Object.entries(inputs).filter(([name]) => !secret.has(name)));
  problems.push(...checkRunInputs({ ...workflow, inputs: workflow.inputs.filter((s) => !secret.has(s.name)) }, plain));
  for (const [name, value] of Object.entries(plain)) {
    const shape = value === undefined ? undefined : knownTokenShape(JSON.stringify(value));
    if (shape !== undefined) problems.push(`input ${name} holds what looks like ${shape}: ${SECRET_ADVICE}`);
  }
  return problems;
}
