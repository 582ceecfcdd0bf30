import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CliError, ExitCode } from '../io/exit-code.js';

const MAX_BYTES = 1_000_000;

/** YAML is needed only for `@file` data, so it is loaded on first use, not at start-up. */
function parseYaml(text: string): unknown {
  return (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);
}

/** `--data JSON` or `--data @file` (JSON or YAML) as an object; a usage error otherwise. */
export function parseData(value: string | undefined, what = '--data'): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (error) {
      throw new CliError(`${what}: cannot read ${value.slice(1)}: ${(error as Error).message}`, ExitCode.usage);
    }
  }
  if (text.length > MAX_BYTES) throw new CliError(`${what}: larger than 1 MB`, ExitCode.usage);
  let parsed: unknown;
  try {
    parsed = value.startsWith('@') ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what}: not valid ${value.startsWith('@') ? 'JSON or YAML' : 'JSON'}: ${(error as Error).message}`, ExitCode.usage);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError(`${what}: expected an object`, ExitCode.usage);
  return parsed as Record<string, unknown>;
}

/** `--input k=v` pairs (values read as JSON when they parse: numbers, booleans, lists) plus `--input-file`. */
export function parseInputs(pairs: readonly string[], file: string | undefined): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...(parseData(file === undefined ? undefined : `@${file}`, '--input-file') ?? {}) };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--input ${pair}: expected key=value`, ExitCode.usage);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    inputs[pair.slice(0, eq)] = value;
  }
  return inputs;
}
