import type { SourceKind } from '../parse/detect-kind.js';
import type { CompatLevel } from './check-schema.js';
import { jsonSchemaFileName, jsonSchemaFor } from './json-schema-for.js';

/** The five published schema files: the workflow at three levels, the log and the collection. */
export const PUBLISHED_JSON_SCHEMAS: readonly { kind: SourceKind; level: CompatLevel }[] = [
  { kind: 'workflow', level: 'sopflow' },
  { kind: 'workflow', level: 'core' },
  { kind: 'workflow', level: 'full' },
  { kind: 'log', level: 'sopflow' },
  { kind: 'collection', level: 'sopflow' },
];

/** Pure; file name and exact text (2-space JSON, trailing newline) of one published schema file. */
export function renderJsonSchemaFile(kind: SourceKind, level: CompatLevel): { name: string; text: string } {
  return { name: jsonSchemaFileName(kind, level), text: `${JSON.stringify(jsonSchemaFor(kind, level), null, 2)}\n` };
}
