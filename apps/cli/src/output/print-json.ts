import { AsyncLocalStorage } from 'node:async_hooks';

/** What one `runCli` call has written: whether its stdout already holds a JSON document. */
export interface JsonOutput {
  printed: boolean;
}

const currentOutput = new AsyncLocalStorage<JsonOutput>();

/** Runs one CLI call with its own `JsonOutput`, so what one call printed never decides where another call's error goes. */
export function withJsonOutput<T>(output: JsonOutput, work: () => Promise<T>): Promise<T> {
  return currentOutput.run(output, work);
}

/** Prints one JSON document (a `--json` result) to stdout and marks the running call's `JsonOutput` as printed: a later error then goes to stderr only. */
export function printJson(value: unknown, indent?: number): void {
  process.stdout.write(`${JSON.stringify(value, null, indent)}\n`);
  const output = currentOutput.getStore();
  if (output !== undefined) output.printed = true;
}
