import type { z } from 'zod';
import { FULL_NODE_TYPES, type NodeType } from '../model/node-type.js';
import type { EdgeMode } from '../model/edge-mode.js';
import {
  fullEdgeShapeBeforeJoin, fullEdgeShapeFromJoin, fullNodeSchema, fullRootShapeAfterGraph, fullRootShapeBeforeGraph,
  fullRuntimeShapeAfterTool, fullRuntimeShapeToCommand, fullRuntimeShapeToTool,
} from '../schema/workflow-full.js';
import { SOPFLOW_EXTENSION_KEY, SOPFLOW_ADDED_KEY, SOPFLOW_PLACEHOLDER_KEY } from './sopflow-extension-keys.js';

type Out = Record<string, unknown>;
type Shape = Record<string, z.ZodType>;

const ROOT_SHAPE: Shape = { ...fullRootShapeBeforeGraph, ...fullRootShapeAfterGraph };
const NODE_SHAPE: Shape = fullNodeSchema.shape as Shape;
const EDGE_SHAPE: Shape = { ...fullEdgeShapeBeforeJoin, ...fullEdgeShapeFromJoin };
const RUNTIME_SHAPE: Shape = { ...fullRuntimeShapeToCommand, ...fullRuntimeShapeToTool, ...fullRuntimeShapeAfterTool };
const RETRY_KEYS = ['max_retries', 'strategy', 'backoff_sec'];

/** The Full type an OSOP tool sees for sopflow's four extra node types (the real one stays under `x-sopflow`). */
const FULL_TYPE_FOR: Partial<Record<NodeType, NodeType>> = { event: 'system', gateway: 'system', company: 'human', department: 'human' };
/** The nearest Full mode for sopflow's five extra edge modes. */
const FULL_MODE_FOR: Partial<Record<EdgeMode, EdgeMode>> = {
  compensation: 'error', message: 'event', signal: 'event', dataflow: 'sequential', weighted: 'conditional',
};

/**
 * Pure; turns a sopflow `.osop` document (as `workflowDocument` writes it) into one OSOP's Full
 * schema accepts. On the root, every node and every edge, each key Full does not declare, or
 * whose value Full would reject, moves under `x-sopflow` with its sopflow name and value; where
 * Full has a near equivalent (a node type, an edge mode, a runtime command as one string, the
 * retry policy's three keys, failure modes as strings) that stands in its place. Values Full
 * requires and sopflow lacks (a node's `purpose`; one edge) are added and named in
 * `x-sopflow-added` / `x-sopflow-placeholder`, so `restoreSopflowExtensions` gives back the input.
 */
export function osopFullDocument(document: Out): Out {
  const root = split(document, ROOT_SHAPE, projectRootValue, ['nodes', 'edges']);
  const nodes = (Array.isArray(document.nodes) ? document.nodes : []).map((node) => fullNode(node as Out));
  const edges = (Array.isArray(document.edges) ? document.edges : []).map((edge) => split(edge as Out, EDGE_SHAPE, projectEdgeValue));
  const first = nodes[0]?.id;
  if (edges.length === 0 && typeof first === 'string') {
    edges.push({ from: first, to: first, [SOPFLOW_PLACEHOLDER_KEY]: true });
  }
  return { ...root, nodes, edges };
}

function fullNode(node: Out): Out {
  const out = split(node, NODE_SHAPE, projectNodeValue);
  if (typeof out.purpose !== 'string' || out.purpose === '') {
    const stand = [node.description, node.name, node.id].find((v) => typeof v === 'string' && v !== '') as string | undefined;
    out.purpose = stand ?? 'step';
    out[SOPFLOW_ADDED_KEY] = ['purpose'];
  }
  return out;
}

/**
 * Keeps each key the shape accepts as it is, moves the others under `x-sopflow` (and puts the
 * projection, when there is one, in their place). `x-` keys pass; `skip` keys are left out.
 */
function split(value: Out, shape: Shape, project: (key: string, value: unknown) => unknown, skip: string[] = []): Out {
  const out: Out = {};
  const moved: Out = {};
  for (const [key, item] of Object.entries(value)) {
    if (skip.includes(key) || item === undefined) continue;
    if (key.startsWith('x-') || accepts(shape, key, item)) {
      out[key] = item;
      continue;
    }
    moved[key] = item;
    const stand = shape[key] ? project(key, item) : undefined;
    if (stand !== undefined && accepts(shape, key, stand)) out[key] = stand;
  }
  if (Object.keys(moved).length > 0) out[SOPFLOW_EXTENSION_KEY] = moved;
  return out;
}

function accepts(shape: Shape, key: string, value: unknown): boolean {
  const schema = shape[key];
  return schema !== undefined && schema.safeParse(value).success;
}

function projectRootValue(key: string, value: unknown): unknown {
  if (key === 'triggers' && Array.isArray(value)) {
    const kept = value.filter((t) => accepts(ROOT_SHAPE, 'triggers', [t]));
    return kept.length > 0 ? kept : undefined;
  }
  return undefined;
}

function projectNodeValue(key: string, value: unknown): unknown {
  switch (key) {
    case 'type': return FULL_TYPE_FOR[value as NodeType] ?? (FULL_NODE_TYPES.includes(value as NodeType) ? value : 'system');
    case 'runtime': return isObject(value) ? fullRuntime(value) : undefined;
    case 'retry_policy': return isObject(value) ? pick(value, RETRY_KEYS) : undefined;
    case 'failure_modes': return Array.isArray(value) ? value.map(failureModeText).filter((t): t is string => t !== undefined) : undefined;
    case 'inputs':
    case 'outputs': return Array.isArray(value) ? value.map(fullIoSpec) : undefined;
    case 'approval_gate': return isObject(value) ? dropRejected(value, NODE_SHAPE.approval_gate!) : undefined;
    default: return undefined;
  }
}

function projectEdgeValue(key: string, value: unknown): unknown {
  return key === 'mode' ? FULL_MODE_FOR[value as EdgeMode] : undefined;
}

function fullRuntime(runtime: Out): Out {
  const out: Out = {};
  for (const [key, item] of Object.entries(runtime)) {
    const schema = RUNTIME_SHAPE[key];
    if (!schema || schema.safeParse(item).success) out[key] = item;
    else if (key === 'command' && Array.isArray(item)) out[key] = item.map(shellWord).join(' ');
  }
  return out;
}

function fullIoSpec(spec: unknown): unknown {
  if (!isObject(spec)) return spec;
  const out: Out = {};
  for (const [key, item] of Object.entries(spec)) {
    if (key === 'schema' && typeof item !== 'string') continue;
    if (key === 'required' && typeof item !== 'boolean') continue;
    if (key === 'description' && typeof item !== 'string') continue;
    out[key] = item;
  }
  return out;
}

/** Drops the keys of an object whose values its own schema rejects, one key at a time. */
function dropRejected(value: Out, schema: z.ZodType): Out {
  const out: Out = {};
  for (const [key, item] of Object.entries(value)) {
    if (schema.safeParse({ [key]: item }).success) out[key] = item;
  }
  return out;
}

function failureModeText(mode: unknown): string | undefined {
  if (typeof mode === 'string') return mode;
  if (!isObject(mode)) return undefined;
  const text = [mode.description, mode.code, mode.id].find((v) => typeof v === 'string');
  return text as string | undefined;
}

function shellWord(word: unknown): string {
  const text = String(word);
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function pick(value: Out, keys: string[]): Out {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}

function isObject(value: unknown): value is Out {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
