import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedSecrets, makeNode, makeRequest } from '../../../test-support/executor-request.js';
import { createTemplateContext } from './create-template-context.js';
import { interpolateString } from './interpolate-string.js';
import { interpolateValue } from './interpolate-value.js';
import { parseTemplate } from './parse-template.js';

const request = makeRequest(makeNode({ id: 'n', type: 'api' }), {
  input: { name: 'Ada Lovelace', count: 3, tags: ['a', 'b'] },
  scope: { inputs: { region: 'eu', name: 'overridden' }, steps: [{ nodeId: 'fetch', outputs: { id: 7 } }, { nodeId: 'fetch', outputs: { id: 8 } }] },
  secrets: fixedSecrets({ TOKEN: 's3cr3t-value' }),
});

describe('templates', () => {
  it('parses text and references, with $${ as a literal', () => {
    const parsed = parseTemplate('a ${inputs.x} $${b}');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.parts, [
      { type: 'text', text: 'a ' },
      { type: 'ref', ref: 'inputs.x', path: ['inputs', 'x'] },
      { type: 'text', text: ' ${b}' },
    ]);
  });

  it('rejects unclosed and malformed placeholders', () => {
    assert.equal(parseTemplate('${inputs.x').ok, false);
    assert.equal(parseTemplate('${inputs.x + 1}').ok, false);
  });

  it('reads step input over run inputs, latest step outputs, allow-listed env only', () => {
    const context = createTemplateContext(request, { env: { HOME: '/h', SECRET_PATH: '/x' }, allowEnv: ['HOME'] });
    const filled = interpolateString('${inputs.name}/${inputs.region}/${steps.fetch.output.id}/${steps.fetch.outputs.id}/${env.HOME}', context);
    assert.deepEqual(filled, { ok: true, value: 'Ada Lovelace/eu/8/8//h', usesSecret: false });
    const blocked = interpolateString('${env.SECRET_PATH}', context);
    assert.equal(blocked.ok, false);
    assert.match(blocked.ok ? '' : blocked.message, /not in runtime.env/);
  });

  it('fails on an undefined input instead of filling an empty string', () => {
    const context = createTemplateContext(request, { env: {}, allowEnv: [] });
    const filled = interpolateString('x=${inputs.missing}', context);
    assert.equal(filled.ok, false);
    assert.match(filled.ok ? '' : filled.message, /inputs\.missing} is not defined/);
  });

  it('refuses secrets where the context has none, and says why', () => {
    const context = createTemplateContext(request, { env: {}, allowEnv: [], secretsHint: 'not in URLs' });
    const filled = interpolateString('${secrets.TOKEN}', context);
    assert.deepEqual(filled, { ok: false, message: '${secrets.TOKEN}: not in URLs' });
  });

  it('interpolates JSON bodies into strings only, keeping the type of a lone placeholder', () => {
    const context = createTemplateContext(request, { env: {}, allowEnv: [], secrets: request.secrets });
    const filled = interpolateValue({ who: 'Hi ${inputs.name}', count: '${inputs.count}', tags: '${inputs.tags}', auth: '${secrets.TOKEN}', n: 1, nested: ['${inputs.count}!'] }, context);
    assert.deepEqual(filled, {
      ok: true,
      usesSecret: true,
      value: { who: 'Hi Ada Lovelace', count: 3, tags: ['a', 'b'], auth: 's3cr3t-value', n: 1, nested: ['3!'] },
    });
  });

  it('never evaluates: a value that looks like a placeholder is inserted as text', () => {
    const context = createTemplateContext(makeRequest(makeNode({ id: 'n', type: 'api' }), { input: { x: '${env.HOME}' } }), { env: { HOME: '/h' }, allowEnv: ['HOME'] });
    assert.deepEqual(interpolateString('${inputs.x}', context), { ok: true, value: '${env.HOME}', usesSecret: false });
  });

  it('reports where in a body a placeholder failed', () => {
    const context = createTemplateContext(request, { env: {}, allowEnv: [] });
    const filled = interpolateValue({ a: [{ b: '${inputs.nope}' }] }, context);
    assert.equal(filled.ok, false);
    assert.match(filled.ok ? '' : filled.message, /^\$\.a\[0\]\.b: /);
  });
});
