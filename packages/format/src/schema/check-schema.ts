import type { z } from 'zod';
import type { Diagnostic, DocumentPath } from '../model/diagnostic.js';
import { deriveSource, type SourceDocument } from '../parse/parse-source.js';
import { collectionSchema } from './collection.js';
import { issuesToDiagnostics, type KeyAdvice } from './issue-to-diagnostic.js';
import { osopLoaderData } from './osop-loader-data.js';
import { plainWorkflowPasses } from './plain-workflow-passes.js';
import { osopLogSchema, sopflowLogSchema } from './osoplog.js';
import { suggestKey } from './suggest-key.js';
import { coreEdgeSchema, coreWorkflowSchema } from './workflow-core.js';
import { fullEdgeSchema, fullNodeSchema, fullWorkflowSchema } from './workflow-full.js';
import { sopflowEdgeSchema, sopflowWorkflowSchema } from './workflow-sopflow.js';
import { sopflowNodeSchema } from './workflow-sopflow-node.js';

/** How strictly to judge: `core` / `full` exactly as OSOP's schemas, `sopflow` (default) both OSOP styles plus extensions. */
export type CompatLevel = 'sopflow' | 'core' | 'full';
export const COMPAT_LEVELS: readonly CompatLevel[] = ['sopflow', 'core', 'full'];

const keysOf = (schema: { shape: object }) => new Set(Object.keys(schema.shape));
const ROOT_KEYS = { core: keysOf(coreWorkflowSchema), full: keysOf(fullWorkflowSchema), sopflow: keysOf(sopflowWorkflowSchema) };
const EDGE_KEYS = { core: keysOf(coreEdgeSchema), full: keysOf(fullEdgeSchema), sopflow: keysOf(sopflowEdgeSchema) };
const NODE_KEYS = [...new Set([...Object.keys(fullNodeSchema.shape), ...Object.keys(sopflowNodeSchema.shape)])];

/** Pure; the zod schema that judges a document of `kind` at `level`. */
export function schemaFor(kind: SourceDocument['kind'], level: CompatLevel): z.ZodType {
  switch (kind) {
    case 'workflow': return level === 'core' ? coreWorkflowSchema : level === 'full' ? fullWorkflowSchema : sopflowWorkflowSchema;
    case 'log': return level === 'sopflow' ? sopflowLogSchema : osopLogSchema;
    case 'collection': return collectionSchema;
  }
}

/**
 * Pure; checks a parsed document against its schema at `level` and returns one Diagnostic per
 * violation, each at the line:column of the offending value. At the sopflow level it also warns
 * (`unknown-node-key`) about node keys that look like misspellings of known ones (nodes are open).
 */
export function checkSchema(source: SourceDocument, level: CompatLevel = 'sopflow'): Diagnostic[] {
  const judged = level === 'sopflow' ? source : deriveSource(source, { data: osopLoaderData(source) });
  const schema = schemaFor(source.kind, level);
  const result = level === 'sopflow' && source.kind === 'workflow' && plainWorkflowPasses(source.data, schema)
    ? { success: true as const }
    : schema.safeParse(judged.data);
  const diagnostics = result.success ? [] : issuesToDiagnostics(result.error.issues, judged, source.kind === 'workflow' ? adviceFor(level) : undefined);
  if (level === 'sopflow' && source.kind === 'workflow') {
    diagnostics.push(...nearMissNodeKeys(source));
    if (!result.success) return acceptedByOsop(source, diagnostics);
  }
  return diagnostics;
}

/**
 * The sopflow level reads every document OSOP's own Core or Full schema accepts. Where sopflow's
 * typing is stricter than the one OSOP schema that passes (Core's nodes are open), its findings
 * stay, as warnings.
 */
function acceptedByOsop(source: SourceDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const data = osopLoaderData(source);
  const passing = coreWorkflowSchema.safeParse(data).success ? 'Core' : fullWorkflowSchema.safeParse(data).success ? 'Full' : undefined;
  if (passing === undefined) return diagnostics;
  return diagnostics.map((d) => (d.severity !== 'error' ? d : {
    ...d, severity: 'warning',
    hint: `${d.hint ? `${d.hint}; ` : ''}accepted because OSOP ${passing} accepts this document`,
  }));
}

function adviceFor(level: CompatLevel): KeyAdvice {
  return (key: string, parent: DocumentPath) => {
    const isEdge = parent.length === 2 && parent[0] === 'edges';
    const sets = isEdge ? EDGE_KEYS : parent.length === 0 ? ROOT_KEYS : undefined;
    if (sets === undefined) return undefined;
    if (level === 'core' && sets.full.has(key)) return `\`${key}\` belongs to OSOP Full; Core does not allow it (validate with --compat full or the default level)`;
    if (level !== 'sopflow' && sets.sopflow.has(key)) return `\`${key}\` is a sopflow extension; OSOP ${level === 'core' ? 'Core' : 'Full'} does not allow it (validate at the default level)`;
    return undefined;
  };
}

function nearMissNodeKeys(source: SourceDocument): Diagnostic[] {
  const nodes = (source.data as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return [];
  const out: Diagnostic[] = [];
  const known = new Set(NODE_KEYS);
  nodes.forEach((node, index) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const key of Object.keys(node)) {
      if (known.has(key) || key.startsWith('x-')) continue;
      const near = suggestKey(key, NODE_KEYS);
      if (near === undefined || Object.hasOwn(node, near)) continue;
      const { line, column } = source.locateKey(['nodes', index, key]);
      out.push({
        code: 'unknown-node-key', severity: 'warning', file: source.file, line, column,
        message: `nodes[${index}]: unknown key \`${key}\` is kept but not used`, hint: `did you mean \`${near}\`?`,
      });
    }
  });
  return out;
}
