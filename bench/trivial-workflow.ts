import { parseWorkflowSource } from '@sopflow/engine';

/** The engine benches' workflow: `steps` trivial (`noop`) system steps in one sequence. */
export function trivialWorkflow(steps: number) {
  return parseWorkflowSource(`osop_version: "1.1"
id: bench
name: ${steps} trivial steps
nodes:
${Array.from({ length: steps }, (_, i) => `  - { id: s${i}, type: system, runtime: { action: noop } }`).join('\n')}
edges:
${Array.from({ length: steps - 1 }, (_, i) => `  - { from: s${i}, to: s${i + 1} }`).join('\n')}
`);
}
