export type SplitWords = { ok: true; words: string[] } | { ok: false; message: string };

/** Unquoted characters a reader would expect a shell to interpret; refused rather than passed on. */
const SHELL_OPERATORS = new Set(['|', ';', '&', '<', '>', '`']);
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

/**
 * Pure; splits a command string into argv words the way a POSIX shell would quote them, with
 * no shell: whitespace separates words; 'single quotes' are literal; "double quotes" keep
 * spaces and understand \" \\ \$ \`; a backslash outside quotes escapes the next character.
 * Nothing is expanded: `${...}` placeholders are kept for sopflow's own interpolation, which
 * happens after splitting, so a filled value is never split again. Unquoted shell operators
 * (| ; & < > ` $( $NAME) are an error that says to use an argv array or `shell: true`.
 *
 * @example splitCommandWords(`grep -n "a b" '${inputs.file}'`) // ['grep', '-n', 'a b', '${inputs.file}']
 */
export function splitCommandWords(command: string): SplitWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;
  const fail = (message: string): SplitWords => ({ ok: false, message: `runtime.command, character ${index + 1}: ${message}` });
  while (index < command.length) {
    const char = command[index];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      index += 1;
    } else if (char === "'") {
      const end = command.indexOf("'", index + 1);
      if (end === -1) return fail('unterminated single quote');
      word += command.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (char === '"') {
      let end = index + 1;
      let quoted = '';
      while (end < command.length && command[end] !== '"') {
        if (command[end] === '\\' && end + 1 < command.length && DOUBLE_QUOTE_ESCAPES.has(command[end + 1])) {
          quoted += command[end + 1];
          end += 2;
        } else if (command[end] === '\\' && command[end + 1] === '\n') {
          end += 2;
        } else {
          quoted += command[end];
          end += 1;
        }
      }
      if (end >= command.length) return fail('unterminated double quote');
      word += quoted;
      inWord = true;
      index = end + 1;
    } else if (char === '\\') {
      if (index + 1 >= command.length) return fail('trailing backslash');
      if (command[index + 1] !== '\n') {
        word += command[index + 1];
        inWord = true;
      }
      index += 2;
    } else if (SHELL_OPERATORS.has(char)) {
      return fail(`unquoted "${char}" needs a shell; write runtime.command as an argv array, quote it, or set runtime.shell: true`);
    } else if (char === '$' && !command.startsWith('${', index) && !command.startsWith('$${', index) && /[A-Za-z_(]/.test(command[index + 1] ?? '')) {
      return fail('shell expansion "$" is not performed; use ${env.NAME} (listed in runtime.env) or ${inputs.x}');
    } else {
      word += char;
      inWord = true;
      index += 1;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}
