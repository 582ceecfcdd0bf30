import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { jsonSchemaFor } from '../index.js';
import { PUBLISHED_JSON_SCHEMAS, renderJsonSchemaFile } from './published-json-schemas.js';

const schemaDir = new URL('../../schema/', import.meta.url);

describe('published JSON Schema files', () => {
  for (const { kind, level } of PUBLISHED_JSON_SCHEMAS) {
    const { name, text } = renderJsonSchemaFile(kind, level);
    it(`${name} is up to date (regenerate with npm run schema -w @sopflow/format)`, () => {
      assert.equal(readFileSync(new URL(name, schemaDir), 'utf8'), text);
    });
  }
});

describe('jsonSchemaFor', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const core = ajv.compile(jsonSchemaFor('workflow', 'core'));
  const full = ajv.compile(jsonSchemaFor('workflow', 'full'));
  const doc = { osop_version: '1.0', id: 'a', name: 'A', nodes: [{ id: 'n', type: 'human' }], edges: [], 'x-owner': 'ops' };

  it('keeps OSOP\'s closed roots with x- keys allowed', () => {
    assert.equal(core(doc), true);
    assert.equal(core({ ...doc, status: 'draft' }), false);
    assert.equal(full({ ...doc, status: 'draft', edges: [{ from: 'n', to: 'n' }], nodes: [{ id: 'n', type: 'db', purpose: 'p' }] }), true);
  });

  it('keeps formats and the Full-only requirements', () => {
    assert.equal(full(doc), false);
    const ok = { ...doc, edges: [{ from: 'n', to: 'n' }], nodes: [{ id: 'n', type: 'human', purpose: 'p' }] };
    assert.equal(full({ ...ok, metadata: { created_at: '2026-01-01T00:00:00Z' } }), true);
    assert.equal(full({ ...ok, metadata: { created_at: 'yesterday' } }), false);
  });
});
