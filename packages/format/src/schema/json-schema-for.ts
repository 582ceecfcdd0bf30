import { z } from 'zod';
import type { SourceKind } from '../parse/detect-kind.js';
import { schemaFor, type CompatLevel } from './check-schema.js';
import { JSON_SCHEMA_HINTS } from './json-schema-hints.js';

const TITLES: Record<SourceKind, string> = {
  workflow: 'sopflow workflow (.osop)',
  log: 'sopflow execution log (.osoplog)',
  collection: 'sopflow collection (.sop)',
};

/** Published file name (under packages/format/schema/) for each kind and level. */
export function jsonSchemaFileName(kind: SourceKind, level: CompatLevel): string {
  switch (kind) {
    case 'workflow': return level === 'sopflow' ? 'osop.schema.json' : `osop-${level}.schema.json`;
    case 'log': return 'osoplog.schema.json';
    case 'collection': return 'sop.schema.json';
  }
}

/**
 * Pure; the JSON Schema (draft 2020-12) generated from the zod schema that judges `kind` at
 * `level`, with OSOP's closed-object and format keywords restored. The files in
 * packages/format/schema/ are exactly this output (`npm run schema -w @sopflow/format`).
 */
export function jsonSchemaFor(kind: SourceKind, level: CompatLevel = 'sopflow'): Record<string, unknown> {
  const generated = z.toJSONSchema(schemaFor(kind, level), {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (ctx) => {
      const hints = JSON_SCHEMA_HINTS.get(ctx.zodSchema as unknown as z.ZodType);
      if (hints) Object.assign(ctx.jsonSchema, hints);
    },
  }) as Record<string, unknown>;
  const levelName = level === 'sopflow' ? 'sopflow level (both OSOP styles and sopflow extensions)' : `OSOP ${level === 'core' ? 'Core' : 'Full'} compatible`;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: `https://sopflow.dev/schema/${jsonSchemaFileName(kind, level)}`,
    title: `${TITLES[kind]}${kind === 'workflow' ? `, ${levelName}` : ''}`,
    ...rest,
  };
}
