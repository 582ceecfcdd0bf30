import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testWorkflow } from '../validate/test-workflow.js';
import { celDeclarationsFor } from './cel-declarations.js';
import { checkCelExpression } from './check-cel-expression.js';
import { literalShape } from './literal-shape.js';

describe('literalShape', () => {
  it('replaces digits of numeric literals only, keeping the length', () => {
    assert.equal(literalShape('inputs.amount > 5000'), 'inputs.amount > 1111');
    assert.equal(literalShape('steps.n42.outputs.x2 >= 0.75 && y == "a 9"'), 'steps.n42.outputs.x2 >= 1.11 && y == "a 9"');
    assert.equal(literalShape("s == 'it\\'s 3' || n < 7u"), "s == 'it\\'s 3' || n < 1u");
    assert.equal(literalShape('x > 0x1F || y < 1e9 || z < 99999999999999999999'), 'x > 0x1F || y < 1e9 || z < 99999999999999999999');
    assert.equal(literalShape('"unterminated'), undefined);
    for (const expr of ['a > 12', 'b.c == 3.5', 'size(xs) > 10']) assert.equal(literalShape(expr)!.length, expr.length);
  });

  it('lets expressions that differ only in numbers share one check without changing verdicts', () => {
    const declarations = celDeclarationsFor(testWorkflow({ inputs: [{ name: 'amount', type: 'int' }, { name: 'name', type: 'string' }], nodes: [{ id: 'a' }] }));
    assert.deepEqual(checkCelExpression('inputs.amount > 17', declarations, 'bool'), { ok: true, type: 'bool' });
    assert.deepEqual(checkCelExpression('inputs.amount > 18', declarations, 'bool'), { ok: true, type: 'bool' });
    const bad1 = checkCelExpression('inputs.name > 17', declarations, 'bool');
    const bad2 = checkCelExpression('inputs.name > 19', declarations, 'bool');
    assert.equal(bad1.ok, false);
    assert.deepEqual(bad2, bad1);
    assert.equal(checkCelExpression('inputs.amount > 1.5', declarations, 'bool').ok, true);
  });
});
