import type { SecretSource } from '../../ports/step-executor.js';

/**
 * What a template may read. `env` holds only the allow-listed variables; `secrets` is absent
 * where secrets are not allowed (URLs, command arguments), so `${secrets.X}` there is an error.
 */
export interface TemplateContext {
  inputs: Record<string, unknown>;
  /** Node id → that step's outputs. */
  steps: Record<string, Record<string, unknown>>;
  env: Record<string, string>;
  secrets?: SecretSource;
  /** Said in the error when `${secrets.X}` is used where secrets are not allowed. */
  secretsHint?: string;
}

export type ResolvedReference =
  | { ok: true; value: unknown; secret: boolean; source: 'inputs' | 'steps' | 'env' | 'secrets' }
  | { ok: false; message: string };

/** Pure; looks up `inputs.x.y`, `steps.<id>.output(s).y`, `env.NAME` or `secrets.NAME`. */
export function resolveReference(path: readonly string[], context: TemplateContext): ResolvedReference {
  const [root, ...rest] = path;
  const shown = path.join('.');
  switch (root) {
    case 'inputs':
      return walk(context.inputs, rest, shown, 'inputs');
    case 'steps': {
      const [nodeId, field, ...names] = rest;
      if (nodeId === undefined) return { ok: false, message: `\${${shown}} needs a step id` };
      const outputs = context.steps[nodeId];
      if (outputs === undefined) return { ok: false, message: `\${${shown}}: step "${nodeId}" has no outputs yet` };
      if (field !== 'output' && field !== 'outputs') return { ok: false, message: `\${${shown}}: write steps.${nodeId}.output.<name>` };
      return walk(outputs, names, shown, 'steps');
    }
    case 'env': {
      const name = rest.join('.');
      const value = context.env[name];
      if (value === undefined) return { ok: false, message: `\${${shown}}: ${name} is not in runtime.env (the allow-list) or is not set` };
      return { ok: true, value, secret: false, source: 'env' };
    }
    case 'secrets': {
      const name = rest.join('.');
      if (context.secrets === undefined) return { ok: false, message: `\${${shown}}: ${context.secretsHint ?? 'secrets are not allowed here'}` };
      const value = context.secrets.get(name);
      if (value === undefined) return { ok: false, message: `\${${shown}}: secret ${name} is not set (environment or secrets file)` };
      return { ok: true, value, secret: true, source: 'secrets' };
    }
    default:
      return { ok: false, message: `\${${shown}}: unknown root "${root}" (use inputs, steps, env or secrets)` };
  }
}

function walk(value: unknown, names: readonly string[], shown: string, source: 'inputs' | 'steps'): ResolvedReference {
  let current = value;
  for (const name of names) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, name)) {
      return { ok: false, message: `\${${shown}} is not defined` };
    }
    current = (current as Record<string, unknown>)[name];
  }
  if (current === undefined) return { ok: false, message: `\${${shown}} is not defined` };
  return { ok: true, value: current, secret: false, source };
}
