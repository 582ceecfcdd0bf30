// Writes the published JSON Schema files (packages/format/schema/*.schema.json) from the zod schemas.
// Usage: npm run schema -w @sopflow/format   (a test fails when the committed files are out of date)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_JSON_SCHEMAS, renderJsonSchemaFile } from '../src/schema/published-json-schemas.js';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
mkdirSync(schemaDir, { recursive: true });
for (const { kind, level } of PUBLISHED_JSON_SCHEMAS) {
  const file = join(schemaDir, renderJsonSchemaFile(kind, level).name);
  writeFileSync(file, renderJsonSchemaFile(kind, level).text);
  console.log(`wrote ${file}`);
}
