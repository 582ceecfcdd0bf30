import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { printable } from '../render/ansi-style.js';
import { displayName } from '../render/node-facts.js';

/** Pure; a step's name in quotes, safe for one line of text. */
export function stepName(node: WorkflowNode): string {
  return `"${printable(displayName(node))}"`;
}

/** Pure; a function naming steps by id (falling back to the id itself for missing nodes). */
export function namer(workflow: Workflow): (id: string) => string {
  const byId = new Map<string, WorkflowNode>();
  for (const node of workflow.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  return (id) => {
    const node = byId.get(id);
    return node === undefined ? `"${printable(id)}" (missing)` : stepName(node);
  };
}

/** Pure; "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** Pure; "1 step" / "3 steps". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** Pure; a CEL expression as inline code, one line, clipped. */
export function code(expr: string): string {
  const oneLine = printable(expr).replace(/\s+/g, ' ').trim();
  return `\`${oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine}\``;
}

/** Pure; a section with a heading, or nothing when it has no lines. */
export function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', `## ${title}`, '', ...lines];
}

/** Appends `value` to the list under `key`. */
export function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
