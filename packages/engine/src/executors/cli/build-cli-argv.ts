import { parseTemplate } from '../template/parse-template.js';
import { interpolateString } from '../template/interpolate-string.js';
import { resolveReference, type TemplateContext } from '../template/resolve-reference.js';
import { stringifyValue } from '../template/interpolate-string.js';
import { splitCommandWords } from './split-command-words.js';

export type CliArgv = { ok: true; argv: string[] } | { ok: false; message: string };

/** The `$0` of a shell script run with `shell: true`. */
const SHELL_NAME = 'sopflow-step';

/**
 * Pure; the argv to spawn. An argv array is used word for word; a string is split into words
 * without a shell. Then each word's `${...}` placeholders are filled: a value becomes part of
 * exactly one argument, whatever spaces, quotes or `;` it holds.
 * With `shell: true` the command runs as `/bin/sh -c SCRIPT sopflow-step V1 V2 ...`: each
 * placeholder in the script becomes a positional parameter `${1}`, `${2}`, ..., so values
 * reach the shell as data and are never parsed as shell code.
 */
export function buildCliArgv(command: string | readonly string[], shell: boolean, context: TemplateContext): CliArgv {
  if (shell) return buildShellArgv(String(command), context);
  let words: readonly string[];
  if (typeof command === 'string') {
    const split = splitCommandWords(command);
    if (!split.ok) return split;
    if (split.words.length === 0) return { ok: false, message: 'runtime.command has no words' };
    words = split.words;
  } else {
    words = command;
  }
  const argv: string[] = [];
  for (const [index, word] of words.entries()) {
    const filled = interpolateString(word, context);
    if (!filled.ok) return { ok: false, message: `argument ${index}: ${filled.message}` };
    argv.push(filled.value);
  }
  if (argv[0] === '') return { ok: false, message: 'the program name (argument 0) is empty' };
  return { ok: true, argv };
}

function buildShellArgv(script: string, context: TemplateContext): CliArgv {
  const parsed = parseTemplate(script);
  if (!parsed.ok) return parsed;
  let body = '';
  const values: string[] = [];
  for (const part of parsed.parts) {
    if (part.type === 'text') {
      // parseTemplate turned `$${` into `${`; the shell must see it literally as text.
      body += part.text;
      continue;
    }
    const resolved = resolveReference(part.path, context);
    if (!resolved.ok) return resolved;
    values.push(stringifyValue(resolved.value));
    body += `\${${values.length}}`;
  }
  return { ok: true, argv: ['/bin/sh', '-c', body, SHELL_NAME, ...values] };
}
