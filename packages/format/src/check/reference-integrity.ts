import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceDocument } from '../parse/parse-source.js';

/**
 * Pure; the reference checks OSOP's own CLI makes after the schema (osop validate): node ids are
 * unique and every edge's `from` and `to` name an existing node. Works on the raw document, so it
 * also runs when the schema failed. Same codes as the sopflow rules.
 */
export function checkReferenceIntegrity(source: SourceDocument): Diagnostic[] {
  const data = source.data as { nodes?: unknown; edges?: unknown };
  const nodes = Array.isArray(data.nodes) ? data.nodes : [];
  const edges = Array.isArray(data.edges) ? data.edges : [];
  const diagnostics: Diagnostic[] = [];
  // Index of each id's first node; positions are looked up only for findings.
  const firstLine = new Map<string, number>();
  nodes.forEach((node, index) => {
    const id = idOf(node);
    if (id === undefined) return;
    const first = firstLine.get(id);
    if (first === undefined) {
      firstLine.set(id, index);
      return;
    }
    diagnostics.push({
      code: 'duplicate-node-id', severity: 'error', file: source.file, ...source.locate(['nodes', index, 'id']),
      message: `node id "${id}" is already used by the node on line ${source.locate(['nodes', first, 'id']).line}`, hint: 'give every node its own id',
    });
  });
  edges.forEach((edge, index) => {
    if (edge === null || typeof edge !== 'object') return;
    for (const end of ['from', 'to'] as const) {
      const target = (edge as Record<string, unknown>)[end];
      if (typeof target !== 'string' || firstLine.has(target)) continue;
      diagnostics.push({
        code: 'unknown-edge-target', severity: 'error', file: source.file, ...source.locate(['edges', index, end]),
        message: `edge ${end} "${target}" is not a node in this workflow`,
        hint: firstLine.size > 0 ? `known nodes: ${[...firstLine.keys()].slice(0, 8).join(', ')}${firstLine.size > 8 ? ', …' : ''}` : undefined,
      });
    }
  });
  return diagnostics.map((d) => (d.hint === undefined ? withoutHint(d) : d));
}

function idOf(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const id = (node as Record<string, unknown>).id;
  return typeof id === 'string' ? id : undefined;
}

function withoutHint(d: Diagnostic): Diagnostic {
  const { hint: _hint, ...rest } = d;
  return rest;
}
