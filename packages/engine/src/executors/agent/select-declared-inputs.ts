import type { WorkflowNode } from '@sopflow/format';
import type { StepRequest } from '../../ports/step-executor.js';
import { parseTemplate } from '../template/parse-template.js';

/**
 * Pure; what an agent step may show its model: the node's declared `inputs`, each looked up in
 * the step's resolved input (run inputs, earlier outputs, the loop item) and then in the run's
 * inputs. Nothing else of the run reaches the model; a node that declares no inputs shares none.
 * A declared input with no value is left out.
 */
export function selectDeclaredInputs(node: WorkflowNode, request: Pick<StepRequest, 'input' | 'scope'>): Record<string, unknown> {
  const selected: Record<string, unknown> = {};
  const runInputs = request.scope?.inputs ?? {};
  for (const { name } of node.inputs) {
    if (Object.hasOwn(request.input, name) && request.input[name] !== undefined) selected[name] = request.input[name];
    else if (Object.hasOwn(runInputs, name) && runInputs[name] !== undefined) selected[name] = runInputs[name];
  }
  return selected;
}

/**
 * Pure; the first placeholder of an agent's `runtime.prompt` that reads anything but a declared
 * input (`${steps...}`, `${env...}`, `${secrets...}`, an undeclared `${inputs.x}`), as a message.
 */
export function findUndeclaredPromptReference(prompt: string, node: WorkflowNode): string | undefined {
  const parsed = parseTemplate(prompt);
  if (!parsed.ok) return undefined;
  const declared = new Set(node.inputs.map((spec) => spec.name));
  for (const part of parsed.parts) {
    if (part.type !== 'ref') continue;
    const [root, name] = part.path;
    if (root === 'inputs' && name !== undefined && declared.has(name)) continue;
    const hint = root === 'inputs' && name !== undefined ? `declare "${name}" under the node's inputs` : 'declare the value as one of the node\'s inputs and write ${inputs.<name>}';
    return `\${${part.ref}}: an agent prompt reads only the node's declared inputs (${[...declared].join(', ') || 'none'}); ${hint}`;
  }
  return undefined;
}
