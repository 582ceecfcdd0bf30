let printed = false;

/** Prints one JSON document (a `--json` result) to stdout and remembers that this process printed one. */
export function printJson(value: unknown, indent?: number): void {
  process.stdout.write(`${JSON.stringify(value, null, indent)}\n`);
  printed = true;
}

/** True once `printJson` wrote to stdout: a later error then goes to stderr only, so stdout keeps one document. */
export function jsonPrinted(): boolean {
  return printed;
}
