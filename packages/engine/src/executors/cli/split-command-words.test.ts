import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitCommandWords } from './split-command-words.js';

function words(command: string): string[] {
  const split = splitCommandWords(command);
  assert.ok(split.ok, split.ok ? '' : split.message);
  return split.words;
}

describe('splitCommandWords', () => {
  it('splits on runs of whitespace', () => {
    assert.deepEqual(words('  ls\t-la   /tmp \n'), ['ls', '-la', '/tmp']);
  });

  it('keeps a double-quoted "a b" as one argument', () => {
    assert.deepEqual(words('echo "a b" c'), ['echo', 'a b', 'c']);
  });

  it('keeps single-quoted text literal, backslashes included', () => {
    assert.deepEqual(words(String.raw`printf 'a\nb "c"'`), ['printf', String.raw`a\nb "c"`]);
  });

  it('understands escapes inside double quotes and leaves other backslashes alone', () => {
    assert.deepEqual(words(String.raw`x "say \"hi\" \\ \d"`), ['x', String.raw`say "hi" \ \d`]);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    assert.deepEqual(words(`--name="John Smith"'s'`), ['--name=John Smiths']);
  });

  it('keeps empty quoted arguments', () => {
    assert.deepEqual(words(`cmd "" ''`), ['cmd', '', '']);
  });

  it('treats a backslash outside quotes as escaping the next character', () => {
    assert.deepEqual(words(String.raw`touch my\ file \;`), ['touch', 'my file', ';']);
  });

  it('keeps ${...} placeholders for interpolation after splitting', () => {
    assert.deepEqual(words('grep -n ${inputs.pattern} "${steps.a.output.file}"'), ['grep', '-n', '${inputs.pattern}', '${steps.a.output.file}']);
  });

  it('does not glob or expand anything', () => {
    assert.deepEqual(words('ls *.ts ~ "$$"'), ['ls', '*.ts', '~', '$$']);
  });

  it('rejects an unterminated quote and says where', () => {
    const split = splitCommandWords('echo "abc');
    assert.equal(split.ok, false);
    assert.match(split.ok ? '' : split.message, /character 6: unterminated double quote/);
    assert.equal(splitCommandWords("echo 'abc").ok, false);
  });

  it('rejects unquoted shell operators instead of passing them on', () => {
    for (const command of ['ls | wc', 'a; b', 'a && b', 'cat < x', 'echo > f', 'echo `id`', 'echo $(id)', 'echo $HOME']) {
      const split = splitCommandWords(command);
      assert.equal(split.ok, false, command);
    }
    assert.match((splitCommandWords('ls | wc') as { message: string }).message, /argv array|shell: true/);
  });

  it('accepts shell operators inside quotes as plain text', () => {
    assert.deepEqual(words(`echo "a | b; c" '$(id)'`), ['echo', 'a | b; c', '$(id)']);
  });

  it('rejects a trailing backslash', () => {
    assert.equal(splitCommandWords('echo \\').ok, false);
  });
});
