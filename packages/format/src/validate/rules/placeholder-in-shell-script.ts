import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import { findShellScriptPlaceholder, type ShellScriptPlaceholder } from '../find-shell-script-placeholder.js';
import { locateInside } from '../locate-inside.js';
import type { Rule, RuleContext } from '../rule.js';

const HINT = 'keep the script fixed and pass the value as data: set runtime.shell: true and quote the placeholder ("${inputs.x}" reaches the shell as a positional parameter), '
  + 'or pass it as a separate argv word after the script (read it as "$1" in sh -c, sys.argv[1] in python -c, process.argv[1] in node -e), or through runtime.stdin to a script that reads it';

/**
 * Error: a `${...}` placeholder inside the script of a shell or interpreter (`sh -c`, `bash -c`,
 * `node -e`, `python3 -c`, `perl -e`, `ruby -e`, `pwsh -Command`, also behind `/usr/bin/env`
 * and with absolute paths), or in `runtime.stdin` when the program reads its script from there.
 * The value is spliced into code: an input such as `x; rm -rf ~` runs. `runtime.shell: true`
 * commands are left to `shell-runtime` (their placeholders become positional parameters).
 */
export const placeholderInShellScript: Rule = {
  code: 'placeholder-in-shell-script',
  name: 'No placeholders inside shell or interpreter scripts',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      const runtime = node.runtime;
      const command = runtime?.command;
      if (runtime === undefined || runtime.shell === true || command === undefined) continue;
      const words = typeof command === 'string' ? splitWords(command) : command.filter((word): word is string => typeof word === 'string');
      if (words.length !== (typeof command === 'string' ? words.length : command.length)) continue;
      const found = findShellScriptPlaceholder(words, typeof runtime.stdin === 'string' ? runtime.stdin : undefined);
      if (found === undefined) continue;
      const script = found.where === 'stdin' ? String(runtime.stdin) : words[found.index!]!;
      const placeholder = script.slice(found.offset, script.indexOf('}', found.offset) + 1) || script.slice(found.offset);
      const base = [...node.path, 'runtime'];
      const path: DocumentPath = found.where === 'stdin' ? [...base, 'stdin'] : Array.isArray(command) ? [...base, 'command', found.index!] : [...base, 'command'];
      const diagnostic = diagnosticAt(ctx, path, {
        code: this.code,
        severity: 'error',
        message: `node "${node.id}": ${placeholder} is filled into the ${describe(found)}, so a value can run any code`,
        hint: HINT,
      });
      diagnostics.push(typeof command === 'string' && found.where === 'argument' ? atWord(ctx, diagnostic, command, script) : diagnostic);
    }
    return diagnostics;
  },
};

function describe(found: ShellScriptPlaceholder): string {
  return found.where === 'stdin'
    ? `script ${found.interpreter} reads from runtime.stdin`
    : `script that ${found.interpreter}${found.flag === undefined ? '' : ` ${found.flag}`} runs`;
}

/** For a command written as one string: the position of the script word inside it, when it can be found. */
function atWord(ctx: RuleContext, diagnostic: Diagnostic, command: string, script: string): Diagnostic {
  const offset = command.indexOf(script);
  if (offset <= 0) return diagnostic;
  const { line, column } = locateInside(ctx.text, { line: diagnostic.line, column: diagnostic.column }, command, offset);
  return { ...diagnostic, line, column };
}

/** Pure; a command string's words, quote-aware like the cli executor's splitter, never failing. */
function splitWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else if (quote === '"' && char === '\\' && index + 1 < command.length) word += command[++index];
      else word += char;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (char === '"' || char === "'") quote = char;
      else if (char === '\\' && index + 1 < command.length) word += command[++index];
      else word += char;
    }
  }
  if (inWord) words.push(word);
  return words;
}
