import type { SecretSource } from '../../ports/step-executor.js';

/** Variables every child process gets from the executor's environment, when set there. */
export const BASE_ENV_NAMES = ['PATH', 'HOME', 'LANG'] as const;

/**
 * Pure apart from reading `secrets`; the child's whole environment: PATH, HOME and LANG, plus
 * each allow-listed name, taken from the executor's environment or else from the secret source.
 * Nothing else of the parent's environment is passed on.
 */
export function buildChildEnvironment(
  env: Record<string, string | undefined>,
  allowList: readonly string[],
  secrets: SecretSource,
): Record<string, string> {
  const child: Record<string, string> = {};
  for (const name of [...BASE_ENV_NAMES, ...allowList]) {
    const value = env[name] ?? (allowList.includes(name) ? secrets.get(name) : undefined);
    if (value !== undefined) child[name] = value;
  }
  return child;
}
