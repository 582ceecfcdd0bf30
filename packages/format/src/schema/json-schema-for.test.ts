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

// The shape facts osop-spec's schema-validity suite pins on osop.schema.json, checked on ours.
describe('the generated Full schema has the shape OSOP pins', () => {
  type Json = Record<string, any>;
  const full = jsonSchemaFor('workflow', 'full') as Json;
  const node = full.properties.nodes.items as Json;
  const edge = full.properties.edges.items as Json;

  it('lists the 12 node types and 10 edge modes in OSOP\'s order', () => {
    assert.deepEqual(node.properties.type.enum, ['human', 'agent', 'api', 'cli', 'db', 'git', 'docker', 'cicd', 'mcp', 'system', 'infra', 'data']);
    assert.deepEqual(edge.properties.mode.enum, ['sequential', 'conditional', 'parallel', 'loop', 'event', 'fallback', 'error', 'timeout', 'spawn', 'switch']);
  });

  it('requires id, type, purpose on nodes and from, to on edges', () => {
    assert.deepEqual(node.required, ['id', 'type', 'purpose']);
    assert.deepEqual(edge.required, ['from', 'to']);
    assert.deepEqual(full.required, ['osop_version', 'id', 'name', 'nodes', 'edges']);
  });

  it('closes the root with ^x- allowed, and pins conformance_level and visibility', () => {
    assert.equal(full.additionalProperties, false);
    assert.deepEqual(full.patternProperties, { '^x-': {} });
    assert.deepEqual(full.properties.conformance_level.enum, [0, 1, 2, 3]);
    assert.deepEqual(full.properties.visibility.enum, ['public', 'private']);
  });
});
