/** Where a `${...}` placeholder would be spliced into code that a shell or interpreter parses. */
export interface ShellScriptPlaceholder {
  /** `argument`: in argv word `index` (the `-c` / `-e` script); `stdin`: the program reads its script from standard input. */
  where: 'argument' | 'stdin';
  index?: number;
  /** The interpreter as written, e.g. `/bin/sh` or `python3`. */
  interpreter: string;
  /** The flag that makes the next word a script (`-c`, `-e`, `--eval`, `-Command`), when there is one. */
  flag?: string;
  /** Character offset of the first placeholder in the script text. */
  offset: number;
}

interface Interpreter {
  /** Matches the program's file name (no directory, no `.exe`). */
  name: RegExp;
  /** Whether an argv word is the flag whose next word (or `=value`) is a script. */
  isScriptFlag(word: string): boolean;
  /** Options that take a value (the value is never the script). */
  optionsWithValue?: readonly string[];
  /** Options after which the program runs something else (`python -m module`): nothing to check. */
  runsOther?: readonly string[];
  /** Words that make the program read its script from standard input (`-` and, for shells, `-s`). */
  readsStdin?: readonly string[];
  /** Whether a word is an option rather than an operand; default: it starts with `-` or `+`. */
  isOption?(word: string): boolean;
}

const SHELLS: Interpreter = {
  name: /^(sh|bash|zsh|dash|ksh|mksh|ash|yash|fish|csh|tcsh)$/,
  // `-c`, and clusters such as `-ec` or `-lc`.
  isScriptFlag: (word) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(word),
  optionsWithValue: ['-o', '+o', '-O', '+O'],
  readsStdin: ['-', '-s'],
};
const INTERPRETERS: readonly Interpreter[] = [
  SHELLS,
  { name: /^(pwsh|powershell)$/i, isScriptFlag: (word) => /^-(c|command|com|comm|comma|comman)$/i.test(word) },
  { name: /^cmd$/i, isScriptFlag: (word) => /^\/[ck]$/i.test(word), isOption: (word) => /^[/-]/.test(word) },
  {
    name: /^(node|nodejs|deno|bun)$/,
    isScriptFlag: (word) => /^(-e|--eval|-p|--print)(=|$)/.test(word),
    optionsWithValue: ['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions'],
  },
  { name: /^(python|pypy)[0-9.]*$/, isScriptFlag: (word) => /^-[a-zA-Z]*c$/.test(word), optionsWithValue: ['-W', '-X'], runsOther: ['-m'] },
  { name: /^perl[0-9.]*$/, isScriptFlag: (word) => /^-[a-zA-Z]*[eE]$/.test(word) },
  { name: /^ruby[0-9.]*$/, isScriptFlag: (word) => /^-[a-zA-Z]*e$/.test(word) },
  { name: /^php[0-9.]*$/, isScriptFlag: (word) => word === '-r' },
  { name: /^(lua[0-9.]*|luajit|Rscript|osascript)$/, isScriptFlag: (word) => word === '-e' },
];
/** Programs that run another program named later in their argv (`/usr/bin/env bash -c …`, `sudo sh -c …`). */
const WRAPPERS = /^(env|busybox|sudo|doas|nohup|nice|ionice|timeout|stdbuf|time|xargs|exec|command|setsid|chroot|find|docker|podman|kubectl|flock)$/;

/**
 * Pure; finds a `${...}` placeholder (not a `$${` escape) that would be filled into code parsed
 * by a shell or interpreter: the script argument of `sh -c`, `bash -lc`, `node -e`, `python3 -c`,
 * `perl -e`, `ruby -e`, `pwsh -Command`, … (also behind `/usr/bin/env`, `sudo`, `xargs`, `find
 * -exec`, and with absolute paths), or `stdin` when such a program reads its script from
 * standard input. A value placed there is parsed as code: it can run anything.
 *
 * @example findShellScriptPlaceholder(['/bin/sh', '-c', 'echo ${inputs.x}']) // { where: 'argument', index: 2, ... }
 */
export function findShellScriptPlaceholder(words: readonly string[], stdin?: string): ShellScriptPlaceholder | undefined {
  let at = 0;
  if (WRAPPERS.test(programName(words[0] ?? ''))) {
    at = words.findIndex((word, index) => index > 0 && interpreterOf(word) !== undefined);
    if (at === -1) return undefined;
  }
  const interpreter = interpreterOf(words[at] ?? '');
  if (interpreter === undefined) return undefined;
  const program = words[at]!;
  let operands = 0;
  for (let index = at + 1; index < words.length; index++) {
    const word = words[index]!;
    if (interpreter.isScriptFlag(word)) {
      const inline = word.indexOf('=');
      if (inline !== -1) return placeholderIn(word.slice(inline + 1), { where: 'argument', index, interpreter: program, flag: word.slice(0, inline) }, inline + 1);
      const scriptAt = nextOperand(words, index + 1, interpreter);
      if (scriptAt === undefined) return undefined;
      return placeholderIn(words[scriptAt]!, { where: 'argument', index: scriptAt, interpreter: program, flag: word }, 0);
    }
    if (interpreter.runsOther?.includes(word) === true) return undefined;
    if (interpreter.optionsWithValue?.includes(word) === true) index++;
    else if ((interpreter.readsStdin ?? ['-']).includes(word)) break;
    else if (!isOption(interpreter, word)) operands++;
    if (operands > 0) return undefined;
  }
  // No script flag and no script file: the program reads its script from standard input.
  return stdin === undefined ? undefined : placeholderIn(stdin, { where: 'stdin', interpreter: program }, 0);
}

/** Pure; the offset of the first `${` that is not written `$${`, or -1. */
export function placeholderOffset(text: string): number {
  for (let index = text.indexOf('${'); index !== -1; index = text.indexOf('${', index + 1)) {
    if (text[index - 1] !== '$') return index;
  }
  return -1;
}

function placeholderIn(text: string, found: Omit<ShellScriptPlaceholder, 'offset'>, base: number): ShellScriptPlaceholder | undefined {
  const offset = placeholderOffset(text);
  return offset === -1 ? undefined : { ...found, offset: base + offset };
}

function nextOperand(words: readonly string[], from: number, interpreter: Interpreter): number | undefined {
  for (let index = from; index < words.length; index++) {
    const word = words[index]!;
    if (interpreter.optionsWithValue?.includes(word) === true) index++;
    // Shells take options between -c and the script (`sh -c -e 'script'`); other programs do not.
    else if (interpreter !== SHELLS || !/^[-+][a-zA-Z]+$/.test(word)) return index;
  }
  return undefined;
}

function isOption(interpreter: Interpreter, word: string): boolean {
  return interpreter.isOption === undefined ? /^[-+]/.test(word) : interpreter.isOption(word);
}

function interpreterOf(word: string): Interpreter | undefined {
  const name = programName(word);
  return INTERPRETERS.find((candidate) => candidate.name.test(name));
}

function programName(word: string): string {
  return (word.split(/[\\/]/).pop() ?? '').replace(/\.exe$/i, '');
}
