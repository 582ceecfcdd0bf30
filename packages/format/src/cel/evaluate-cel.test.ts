import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCelVariables } from './build-cel-variables.js';
import { evaluateCel } from './evaluate-cel.js';

describe('evaluateCel', () => {
  it('evaluates over plain JSON values, integers as int', () => {
    assert.deepEqual(evaluateCel('inputs.amount > 5000', { inputs: { amount: 6000 } }), { ok: true, value: true });
    assert.deepEqual(evaluateCel('inputs.amount + 1', { inputs: { amount: 41 } }), { ok: true, value: 42 });
    assert.deepEqual(evaluateCel('inputs.amount * 1.5', { inputs: { amount: 3 } }), { ok: true, value: 4.5 });
    assert.deepEqual(evaluateCel('inputs.rate + 1', { inputs: { rate: 0.5 } }), { ok: true, value: 1.5 });
    assert.deepEqual(evaluateCel('xs.map(x, x * 2)', { xs: [1, 2, 3] }), { ok: true, value: [2, 4, 6] });
    assert.deepEqual(evaluateCel('{"a": 1, "b": "two"}', {}), { ok: true, value: { a: 1, b: 'two' } });
  });

  it('returns errors instead of throwing', () => {
    const missing = evaluateCel('steps.a.outputs.x', { steps: {} });
    assert.equal(missing.ok, false);
    assert.ok(!missing.ok && /a/.test(missing.message));
    const syntax = evaluateCel('1 +', {});
    assert.ok(!syntax.ok && syntax.code.length > 0);
    assert.deepEqual(evaluateCel('1 / 0', {}).ok, false);
  });

  it('gives the same answer when a compiled program is reused', () => {
    for (const amount of [1, 10_000, 2]) {
      assert.deepEqual(evaluateCel('inputs.amount > 5000', { inputs: { amount } }), { ok: true, value: amount > 5000 });
    }
  });
});

describe('buildCelVariables', () => {
  it('follows the convention: namespaces, bare latest outputs, iterator and iteration', () => {
    const variables = buildCelVariables({
      inputs: { amount: 10, risk_score: 1 },
      steps: [
        { nodeId: 'score', status: 'completed', outputs: { risk_score: 3 }, confidence: 0.9 },
        { nodeId: 'rescore', status: 'completed', outputs: { risk_score: 7 } },
      ],
      vars: { region: 'eu' },
      item: { name: 'row', value: { id: 4 }, index: 2 },
      iterationCount: 1,
      current: 'score',
    });
    const check = (expr: string): unknown => {
      const r = evaluateCel(expr, variables);
      assert.ok(r.ok, JSON.stringify(r));
      return r.value;
    };
    assert.equal(check('risk_score'), 7);
    assert.equal(check('inputs.risk_score'), 1);
    assert.equal(check('steps.score.outputs.risk_score'), 3);
    assert.equal(check('steps.score.confidence'), 0.9);
    assert.equal(check('steps.rescore.status'), 'completed');
    assert.equal(check('vars.region'), 'eu');
    assert.equal(check('row.id + iteration.index + iteration.count'), 7);
    assert.equal(check('has(steps.rescore.confidence)'), false);
    assert.equal(check('outputs.risk_score'), 3);
  });

  it('never lets an output named like a namespace shadow it', () => {
    const variables = buildCelVariables({ inputs: { a: 1 }, steps: [{ nodeId: 'x', status: 'completed', outputs: { inputs: 'oops', steps: 2 } }] });
    assert.deepEqual(evaluateCel('inputs.a', variables), { ok: true, value: 1 });
    assert.deepEqual(evaluateCel('steps.x.outputs.inputs', variables), { ok: true, value: 'oops' });
  });
});
