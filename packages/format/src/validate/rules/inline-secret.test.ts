import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { inlineSecret } from './inline-secret.js';

const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;

describe('inline-secret', () => {
  it('reports a literal Authorization header and never repeats the secret', () => {
    const text = `osop_version: "1.0"
id: t
name: T
nodes:
  - id: call
    type: api
    runtime:
      url: https://api.example.com/v1/orders
      headers:
        Authorization: "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"
edges: []
`;
    const found = inlineSecret.check(yamlContext(text));
    assert.deepEqual(found.map(({ code, severity, line, column }) => ({ code, severity, line, column })), [
      { code: 'inline-secret', severity: 'error', ...positionOf(text, '"Bearer') },
    ]);
    assert.match(found[0]!.message, /nodes\[0\]\.runtime\.headers\.Authorization holds a bearer token/);
    assert.ok(!JSON.stringify(found).includes('9f8e7d6c'), 'the secret must not appear in the diagnostic');
  });

  it('reports known token shapes anywhere and literal values under credential keys', () => {
    const wf = testWorkflow({
      nodes: [
        { id: 'a', description: `use ${GITHUB_TOKEN} to push` },
        { id: 'b', runtime: { env: ['DB_PASSWORD=hunter2hunter2'] } },
        { id: 'c', extra: { config: { api_key: 'q8Zr2LmPx7' } } },
        { id: 'd', runtime: { url: 'postgres://admin:s3cretpass@db.internal/app' } },
      ],
      variables: { aws: 'AKIAIOSFODNN7EXAMPLF', openai: `sk-proj-${'x7Yz'.repeat(8)}` },
    });
    const found = findings(inlineSecret, testContext(wf));
    assert.deepEqual(found.map((f) => f.line), [100, 110, 120, 130, 1, 1]);
  });

  it('accepts references, env var names, placeholders and ordinary fields', () => {
    const wf = testWorkflow({
      nodes: [
        {
          id: 'a',
          runtime: { headers: { Authorization: 'Bearer ${secrets.API_TOKEN}', 'X-Api-Key': '${env.API_KEY}' }, max_tokens: 4000 },
          extra: { security: { credentials: ['ERP_API_KEY'], secrets: ['GITHUB_TOKEN'] }, password: '<your-password>', token: '$TOKEN' },
        },
      ],
      variables: { api_key: '{{ secrets.key }}', region: 'eu-west-1', auth_token: '****' },
    });
    assert.deepEqual(inlineSecret.check(testContext(wf)), []);
  });
});
