import type { ProcessTree, TreeOperator } from '../mining/process-tree.js';
import { escapeXml } from './escape-xml.js';

const TAG: Record<TreeOperator, string> = { sequence: 'sequence', xor: 'xor', parallel: 'and', loop: 'xorLoop' };

/**
 * Pure; writes a process tree as PTML, as PM4Py's exporter does: `<processTree root=…>` with one
 * element per node (`manualTask name=label`, `automaticTask` for tau, `sequence` / `xor` / `and` /
 * `xorLoop`), then `<parentsNode sourceId targetId>` per edge in child order. A loop gets ProM's
 * third child (a tau exit) when it has two. Ids are `n<k>` in depth-first order, so the output is
 * deterministic.
 */
export function writePtml(tree: ProcessTree, options: { name?: string } = {}): string {
  const elements: string[] = [];
  const links: string[] = [];
  let next = 0;
  const visit = (node: ProcessTree): string => {
    const id = `n${next++}`;
    if (node.kind === 'leaf') {
      elements.push(node.label === null
        ? `    <automaticTask id="${id}" name=""/>`
        : `    <manualTask id="${id}" name="${escapeXml(node.label)}"/>`);
      return id;
    }
    elements.push(`    <${TAG[node.operator]} id="${id}" name=""/>`);
    const children = node.operator === 'loop' && node.children.length === 2 ? [...node.children, { kind: 'leaf', label: null } as const] : node.children;
    for (const child of children) links.push(`    <parentsNode id="e${links.length}" sourceId="${id}" targetId="${visit(child)}"/>`);
    return id;
  };
  const root = visit(tree);
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<ptml>',
    `  <processTree id="tree" name="${escapeXml(options.name ?? 'tree')}" root="${root}">`,
    ...elements,
    ...links,
    '  </processTree>',
    '</ptml>',
    '',
  ].join('\n');
}
