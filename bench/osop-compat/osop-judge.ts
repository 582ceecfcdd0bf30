// OSOP's own verdict on a document: its published JSON Schema under ajv 8 (draft 2020-12, with
// formats), after loading YAML as its spec tests do (js-yaml: timestamps become dates, duplicate keys fail),
// plus the reference checks of its CLI for workflows (unique node ids, edges between nodes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DEFAULT_SCHEMA, load as loadYaml } from 'js-yaml';
import { kindFromData, kindFromFileName } from '@sopflow/format';

export interface OsopVerdict {
  valid: boolean;
  reasons: string[];
}

export function createOsopJudge(schemaDir: string): (text: string, file: string, level: 'core' | 'full') => OsopVerdict {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const load = (name: string): ValidateFunction => ajv.compile(JSON.parse(readFileSync(join(schemaDir, name), 'utf8')));
  const schemas = {
    core: load('osop-core.schema.json'),
    full: load('osop.schema.json'),
    log: load('osoplog.schema.json'),
    collection: load('sop.schema.json'),
  };
  return (text, file, level) => {
    // js-yaml's default schema is what the spec's own tests load documents with.
    let data: unknown;
    try {
      data = loadYaml(text, { schema: DEFAULT_SCHEMA });
    } catch (error) {
      return { valid: false, reasons: [`does not load: ${(error as Error).message.split('\n')[0]}`] };
    }
    const kind = kindFromFileName(file) ?? kindFromData(data);
    const validate = kind === 'workflow' ? schemas[level] : kind === 'log' ? schemas.log : schemas.collection;
    const reasons = validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.keyword} at ${e.instancePath || '/'}`);
    if (kind === 'workflow') reasons.push(...referenceProblems(data));
    return { valid: reasons.length === 0, reasons: [...new Set(reasons)].slice(0, 4) };
  };
}

function referenceProblems(data: unknown): string[] {
  if (data === null || typeof data !== 'object') return [];
  const { nodes, edges } = data as { nodes?: unknown; edges?: unknown };
  const ids = new Set<unknown>();
  const problems: string[] = [];
  for (const node of Array.isArray(nodes) ? nodes : []) {
    const id = (node as { id?: unknown } | null)?.id;
    if (id === undefined) continue;
    if (ids.has(id)) problems.push(`duplicate node id ${String(id)}`);
    ids.add(id);
  }
  for (const edge of Array.isArray(edges) ? edges : []) {
    const { from, to } = (edge ?? {}) as { from?: unknown; to?: unknown };
    if (from !== undefined && !ids.has(from)) problems.push(`edge from unknown node ${String(from)}`);
    if (to !== undefined && !ids.has(to)) problems.push(`edge to unknown node ${String(to)}`);
  }
  return problems;
}
