/** Each run: a fan-out to a chain of two non-idempotent cli steps (each sleeps `stepMs`, then appends one line), a person's step, and a step that times out after 1 s. */
export function fleetWorkflow(lines: string, stepMs = 300): string {
  const script = "setTimeout(() => require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\n'), Number(process.argv[3]))";
  const append = (step: string) => JSON.stringify([process.execPath, '-e', script, lines, `\${inputs.tag}:${step}`, String(stepMs)]);
  return `osop_version: "1.1"
id: fleet
name: Fleet run
inputs: [{ name: tag }]
nodes:
  - { id: start, type: system, runtime: { action: noop } }
  - { id: a, type: cli, runtime: { command: ${append('a')} } }
  - { id: c, type: cli, runtime: { command: ${append('c')} } }
  - { id: review, type: human, role: ops }
  - { id: wait, type: human, role: nobody, timeout_sec: 1 }
  - { id: late, type: system, runtime: { action: noop } }
edges:
  - { from: start, to: a }
  - { from: start, to: review }
  - { from: start, to: wait }
  - { from: a, to: c }
  - { from: wait, to: late, mode: timeout }
`;
}
