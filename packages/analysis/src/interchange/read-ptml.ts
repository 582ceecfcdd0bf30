import { SaxesParser } from 'saxes';
import { LogReadError } from '../log/log-read-error.js';
import type { ProcessTree, TreeOperator } from '../mining/process-tree.js';

const OPERATOR: Record<string, TreeOperator> = { sequence: 'sequence', xor: 'xor', and: 'parallel', xorLoop: 'loop' };
const UNSUPPORTED = new Set(['or', 'interleaved']);

/**
 * Reads a PTML process tree (as PM4Py and ProM write it): `manualTask` = activity, `automaticTask`
 * = tau, `sequence` / `xor` / `and` / `xorLoop`, children from `parentsNode` in document order. A
 * ProM loop's third child (its exit) is dropped when it is tau, else it follows the loop in a
 * sequence. `or` and `interleaved` have no process-tree operator here and are refused
 * (`PNML_MALFORMED`, with the line). Pure (text in).
 */
export function readPtml(text: string): ProcessTree {
  const parser = new SaxesParser({ position: true });
  const nodes = new Map<string, { tag: string; name: string; line: number }>();
  const children = new Map<string, string[]>();
  let root: string | undefined;
  let failure: LogReadError | undefined;
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (tag.name === 'processTree') root ??= attrs.root;
    else if (tag.name === 'parentsNode') {
      const list = children.get(attrs.sourceId ?? '') ?? [];
      list.push(attrs.targetId ?? '');
      children.set(attrs.sourceId ?? '', list);
    } else if (tag.name !== 'ptml' && attrs.id !== undefined) {
      if (UNSUPPORTED.has(tag.name)) failure ??= new LogReadError('PNML_MALFORMED', `PTML operator <${tag.name}> has no process-tree equivalent here (sequence, xor, and, xorLoop)`, { line: parser.line });
      nodes.set(attrs.id, { tag: tag.name, name: attrs.name ?? '', line: parser.line });
    }
  });
  parser.on('error', (e) => (failure ??= new LogReadError('PNML_MALFORMED', `PTML ${e.message}`, { line: parser.line, column: parser.column })));
  parser.write(text).close();
  if (failure) throw failure;
  if (root === undefined || !nodes.has(root)) throw new LogReadError('PNML_MALFORMED', 'PTML has no <processTree root="…"> naming one of its nodes');

  const build = (id: string, depth: number): ProcessTree => {
    const node = nodes.get(id);
    if (!node) throw new LogReadError('PNML_MALFORMED', `PTML parentsNode names an unknown node "${id}"`);
    if (depth > 1000) throw new LogReadError('PNML_MALFORMED', 'PTML nodes form a cycle', { line: node.line });
    if (node.tag === 'manualTask') return { kind: 'leaf', label: node.name };
    if (node.tag === 'automaticTask') return { kind: 'leaf', label: null };
    const operator = OPERATOR[node.tag];
    if (!operator) throw new LogReadError('PNML_MALFORMED', `PTML element <${node.tag}> is not a process-tree node`, { line: node.line });
    const kids = (children.get(id) ?? []).map((child) => build(child, depth + 1));
    if (operator !== 'loop' || kids.length !== 3) return { kind: 'operator', operator, children: kids };
    const [body, redo, exit] = kids as [ProcessTree, ProcessTree, ProcessTree];
    const loop: ProcessTree = { kind: 'operator', operator: 'loop', children: [body, redo] };
    return exit.kind === 'leaf' && exit.label === null ? loop : { kind: 'operator', operator: 'sequence', children: [loop, exit] };
  };
  return build(root, 0);
}
