import { findShellScriptPlaceholder } from '@sopflow/format';
import type { CliRuntime } from './read-cli-runtime.js';
import { splitCommandWords } from './split-command-words.js';

/**
 * Pure; why a cli runtime must not run because a `${...}` placeholder sits inside code that a
 * shell or interpreter parses (`sh -c "echo ${inputs.x}"`, `node -e`, a script on stdin), or
 * undefined. The run-time twin of the `placeholder-in-shell-script` validate rule. A
 * `runtime.shell: true` command is fine: its placeholders become positional parameters.
 */
export function findScriptPlaceholderProblem(runtime: CliRuntime): string | undefined {
  if (runtime.shell) return undefined;
  let words: readonly string[];
  if (typeof runtime.command === 'string') {
    const split = splitCommandWords(runtime.command);
    if (!split.ok) return undefined;
    words = split.words;
  } else {
    words = runtime.command;
  }
  const found = findShellScriptPlaceholder(words, runtime.stdin);
  if (found === undefined) return undefined;
  const script = found.where === 'stdin' ? runtime.stdin ?? '' : words[found.index ?? 0] ?? '';
  const end = script.indexOf('}', found.offset);
  const placeholder = script.slice(found.offset, end === -1 ? undefined : end + 1);
  const where = found.where === 'stdin'
    ? `runtime.stdin puts ${placeholder} inside the script ${found.interpreter} reads from standard input`
    : `argument ${found.index} of runtime.command puts ${placeholder} inside the script that ${found.interpreter}${found.flag === undefined ? '' : ` ${found.flag}`} runs`;
  return `${where}, where a value would run as code; keep the script fixed and pass the value as its own argv word, or use runtime.shell: true with the placeholder quoted`;
}
