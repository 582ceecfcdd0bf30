import type { SecretSource, StepRequest } from '../../ports/step-executor.js';
import type { TemplateContext } from './resolve-reference.js';

export interface TemplateContextOptions {
  /** The executor's environment; only `allowEnv` names are visible as `${env.NAME}`. */
  env: Record<string, string | undefined>;
  allowEnv: readonly string[];
  /** Present where `${secrets.NAME}` is allowed. */
  secrets?: SecretSource;
  secretsHint?: string;
}

/**
 * Pure; the context placeholders of one step read: `inputs` = the run inputs overlaid with the
 * step's resolved input, `steps` = finished steps' outputs (latest wins), allow-listed `env`.
 */
export function createTemplateContext(request: StepRequest, options: TemplateContextOptions): TemplateContext {
  const steps: Record<string, Record<string, unknown>> = {};
  for (const step of request.scope?.steps ?? []) steps[step.nodeId] = step.outputs ?? {};
  const env: Record<string, string> = {};
  for (const name of options.allowEnv) {
    const value = options.env[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    inputs: { ...(request.scope?.inputs ?? {}), ...request.input },
    steps,
    env,
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    ...(options.secretsHint === undefined ? {} : { secretsHint: options.secretsHint }),
  };
}
