import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A command-line agent (sopflow's `SOPFLOW_AGENT_COMMAND` provider) that answers every step with this
 * output and confidence — the stand-in for a remote model, which cannot exist here. Returns the
 * environment that configures it (the command is an argv of node and a script; no shell).
 */
export function agentCommandEnv(output: Record<string, unknown>, confidence: number): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-agent-'));
  const script = join(dir, 'agent.mjs');
  writeFileSync(script, `process.stdin.resume();\nprocess.stdin.on('end', () => process.stdout.write(${JSON.stringify(JSON.stringify({ output, confidence }))}));\n`);
  return { SOPFLOW_AGENT_COMMAND: `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`, SOPFLOW_AGENT_PROVIDER: 'command' };
}

/** An SOP whose agent step needs 0.9 confidence (a lower answer goes to a person of role ops to review), then a closing system step. */
export function agentReviewSop(id: string, name: string): string {
  return `osop_version: "1.0"
id: ${id}
name: ${name}
nodes:
  - id: classify
    type: agent
    name: Classify the ticket
    role: ops
    confidence_requirement: 0.9
    outputs:
      - { name: category, type: string }
  - { id: close, type: system, name: Close the ticket, runtime: { action: noop } }
edges:
  - { from: classify, to: close, mode: sequential }
`;
}
