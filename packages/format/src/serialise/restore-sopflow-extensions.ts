import { SOPFLOW_ADDED_KEY, SOPFLOW_EXTENSION_KEY, SOPFLOW_PLACEHOLDER_KEY } from './sopflow-extension-keys.js';

type Out = Record<string, unknown>;

/**
 * Pure; undoes `osopFullDocument`: on the root, every node and every edge, the values under
 * `x-sopflow` replace the Full stand-ins, keys named in `x-sopflow-added` go, and the placeholder
 * edge goes. Documents without these keys come back as they are (the same object).
 */
export function restoreSopflowExtensions(data: unknown): unknown {
  if (!isObject(data) || !mentionsExtensions(data)) return data;
  const out = restore(data);
  if (Array.isArray(data.nodes)) out.nodes = data.nodes.map((node) => (isObject(node) ? restore(node) : node));
  if (Array.isArray(data.edges)) {
    out.edges = data.edges
      .filter((edge) => !(isObject(edge) && edge[SOPFLOW_PLACEHOLDER_KEY] === true))
      .map((edge) => (isObject(edge) ? restore(edge) : edge));
  }
  return out;
}

function restore(value: Out): Out {
  const moved = value[SOPFLOW_EXTENSION_KEY];
  const added = value[SOPFLOW_ADDED_KEY];
  const out: Out = { ...value };
  delete out[SOPFLOW_EXTENSION_KEY];
  delete out[SOPFLOW_ADDED_KEY];
  if (Array.isArray(added)) for (const key of added) if (typeof key === 'string') delete out[key];
  if (isObject(moved)) Object.assign(out, moved);
  return out;
}

function mentionsExtensions(data: Out): boolean {
  const marked = (value: unknown) =>
    isObject(value) && (SOPFLOW_EXTENSION_KEY in value || SOPFLOW_ADDED_KEY in value || SOPFLOW_PLACEHOLDER_KEY in value);
  if (marked(data)) return true;
  return [data.nodes, data.edges].some((list) => Array.isArray(list) && list.some(marked));
}

function isObject(value: unknown): value is Out {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
