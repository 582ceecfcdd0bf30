import type { z } from 'zod';
import { EDGE_MODES } from '../model/edge-mode.js';
import { NODE_TYPES } from '../model/node-type.js';

const NODE_TYPE_SET: ReadonlySet<string> = new Set(NODE_TYPES);
const EDGE_MODE_SET: ReadonlySet<string> = new Set(EDGE_MODES);
const NODE_STRING_KEYS: ReadonlySet<string> = new Set(['name', 'subtype', 'role', 'owner', 'purpose', 'description']);
const EDGE_STRING_KEYS: ReadonlySet<string> = new Set(['from', 'to', 'when', 'condition', 'label']);

/**
 * Pure; a fast, sound shortcut for the sopflow schema check of large plain workflows. When every
 * node and edge is "plain" (only a few keys whose types the sopflow schema surely accepts: see
 * plainNode / plainEdge), each would pass the schema's element check, so judging the root with
 * one node and one edge gives the same verdict as judging it all. Returns false whenever it is not
 * sure; the caller then runs the full schema (which also gives the exact diagnostics).
 */
export function plainWorkflowPasses(data: unknown, schema: z.ZodType): boolean {
  if (!isRecord(data)) return false;
  const { nodes, edges } = data;
  if (!Array.isArray(nodes) || nodes.length === 0 || !nodes.every(plainNode)) return false;
  if (edges !== undefined && !(Array.isArray(edges) && edges.every(plainEdge))) return false;
  const sample = { ...data, nodes: nodes.slice(0, 1), edges: Array.isArray(edges) ? edges.slice(0, 1) : edges };
  return schema.safeParse(sample).success;
}

/** A node with only `id`, a node `type`, descriptive strings, `timeout_sec` and a runtime of `action` / `command`. */
function plainNode(node: unknown): boolean {
  if (!isRecord(node)) return false;
  for (const key in node) {
    if (!Object.hasOwn(node, key)) return false;
    const value = node[key];
    if (NODE_STRING_KEYS.has(key)) {
      if (typeof value !== 'string') return false;
    } else if (key === 'id') {
      if (typeof value !== 'string' || value === '') return false;
    } else if (key === 'type') {
      if (typeof value !== 'string' || !NODE_TYPE_SET.has(value)) return false;
    } else if (key === 'timeout_sec') {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
    } else if (key === 'runtime') {
      if (!plainRuntime(value)) return false;
    } else return false;
  }
  return typeof node.id === 'string';
}

function plainRuntime(runtime: unknown): boolean {
  if (!isRecord(runtime)) return false;
  for (const key in runtime) {
    if (!Object.hasOwn(runtime, key)) return false;
    const value = runtime[key];
    if (key === 'action') {
      if (typeof value !== 'string') return false;
    } else if (key === 'command') {
      if (typeof value !== 'string' && !(Array.isArray(value) && value.every((part) => typeof part === 'string'))) return false;
    } else return false;
  }
  return true;
}

/** An edge with only `from`, `to`, a known `mode` and `when` / `condition` / `label` strings. */
function plainEdge(edge: unknown): boolean {
  if (!isRecord(edge)) return false;
  for (const key in edge) {
    if (!Object.hasOwn(edge, key)) return false;
    const value = edge[key];
    if (EDGE_STRING_KEYS.has(key)) {
      if (typeof value !== 'string') return false;
    } else if (key === 'mode') {
      if (typeof value !== 'string' || !EDGE_MODE_SET.has(value)) return false;
    } else return false;
  }
  return typeof edge.from === 'string' && typeof edge.to === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
