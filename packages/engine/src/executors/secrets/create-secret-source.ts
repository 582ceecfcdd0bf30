import { readFileSync, statSync } from 'node:fs';
import type { SecretSource } from '../../ports/step-executor.js';
import { parseSecretsFile } from './parse-secrets-file.js';
import { REDACTED, redactTokenShapes } from './redact-token-shapes.js';

export interface SecretSourceOptions {
  /** Usually `process.env`. */
  env: Record<string, string | undefined>;
  /** A dotenv-style file (`NAME=value`); the environment wins when both define a name. */
  file?: string;
  /** Environment names that are secrets although their names do not look like it. */
  names?: readonly string[];
}

/** A secret source plus what was noticed while reading it (e.g. a world-readable file). */
export interface LoadedSecretSource extends SecretSource {
  readonly warnings: readonly string[];
}

/** Environment names treated as secrets without being listed. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|CREDENTIAL|ACCESS_KEY)/i;
/** Values shorter than this are not redacted (they would blank out ordinary words). */
const MIN_SECRET_LENGTH = 4;

/**
 * Reads secrets from the environment and an optional secrets file. `redact` replaces every
 * known secret value (file values, secret-looking or listed environment names, and anything
 * read through `get`) and common token shapes with `[REDACTED]`. Never throws: a missing or
 * malformed file becomes a warning, and its values are simply absent.
 */
export function createSecretSource(options: SecretSourceOptions): LoadedSecretSource {
  const warnings: string[] = [];
  const fileValues = options.file === undefined ? new Map<string, string>() : readFile(options.file, warnings);
  const known = new Set<string>();
  const remember = (value: string | undefined): void => {
    if (value !== undefined && value.length >= MIN_SECRET_LENGTH) known.add(value);
  };
  for (const value of fileValues.values()) remember(value);
  for (const [name, value] of Object.entries(options.env)) {
    if (SECRET_NAME.test(name) || options.names?.includes(name) === true) remember(value);
  }
  let ordered: string[] | undefined;
  return {
    warnings,
    get(name) {
      const value = options.env[name] ?? fileValues.get(name);
      if (value !== undefined && !known.has(value) && value.length >= MIN_SECRET_LENGTH) {
        known.add(value);
        ordered = undefined;
      }
      return value;
    },
    redact(text) {
      // Longest first, so a secret that contains another is replaced whole.
      ordered ??= [...known].sort((a, b) => b.length - a.length);
      let result = text;
      for (const value of ordered) result = result.split(value).join(REDACTED);
      return redactTokenShapes(result);
    },
  };
}

function readFile(file: string, warnings: string[]): Map<string, string> {
  let text: string;
  try {
    const stats = statSync(file);
    if ((stats.mode & 0o004) !== 0) {
      warnings.push(`secrets file ${file} is readable by every user; run: chmod 600 ${file}`);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    warnings.push(`secrets file ${file} cannot be read (${code})`);
    return new Map();
  }
  const parsed = parseSecretsFile(text);
  for (const problem of parsed.problems) warnings.push(`secrets file ${file}, ${problem}`);
  return parsed.values;
}
