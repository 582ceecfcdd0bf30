import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testWorkflow } from '../validate/test-workflow.js';
import { celDeclarationsFor } from './cel-declarations.js';
import { celStepReferences } from './cel-step-slots.js';
import { checkCelExpression } from './check-cel-expression.js';

const workflow = testWorkflow({
  inputs: [{ name: 'amount', type: 'integer' }, { name: 'region', type: 'string' }],
  nodes: [
    { id: 'review', type: 'human', outputs: [{ name: 'approved', type: 'bool' }, { name: 'risk_score' }] },
    { id: 'fetch-data', outputs: [{ name: 'rows', type: 'list' }] },
    { id: 'notify' },
  ],
  edges: [{ from: 'review', to: 'fetch-data' }, { from: 'fetch-data', to: 'notify', mode: 'loop', iteratorVar: 'row', forEach: 'steps["fetch-data"].outputs.rows' }],
});
const declarations = celDeclarationsFor(workflow);

describe('checkCelExpression', () => {
  it('accepts expressions over typed inputs, step outputs, bare output names and loop iterators', () => {
    for (const expr of [
      'inputs.amount > 5000',
      'inputs.amount * 1.5 > 100.0',
      'steps.review.outputs.approved && inputs.region == "eu"',
      'steps["fetch-data"].outputs.rows.size() > 0',
      'steps.notify.outputs.anything == 1',
      'steps.review.status == "completed" && steps.review.confidence >= 0.8',
      'risk_score < 5',
      'row.id == item.id',
      'iteration.count < 3 && error.code != "E1"',
    ]) {
      const result = checkCelExpression(expr, declarations, 'bool');
      assert.deepEqual(result.ok, true, `${expr}: ${JSON.stringify(result)}`);
    }
  });

  it('reports a syntax error with its offset', () => {
    const result = checkCelExpression('inputs.amount > > 3', declarations, 'bool');
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.kind === 'syntax' && result.offset === 16, JSON.stringify(result));
  });

  it('reports type errors against declared types', () => {
    const wrongType = checkCelExpression('inputs.amount > "x"', declarations, 'bool');
    assert.ok(!wrongType.ok && wrongType.kind === 'type' && /int > string/.test(wrongType.message), JSON.stringify(wrongType));
    const undeclaredInput = checkCelExpression('inputs.nope == 1', declarations, 'bool');
    assert.ok(!undeclaredInput.ok && undeclaredInput.kind === 'type' && /nope/.test(undeclaredInput.message));
    const undeclaredOutput = checkCelExpression('steps.review.outputs.missing', declarations, 'any');
    assert.ok(!undeclaredOutput.ok && /missing/.test(undeclaredOutput.message));
    const unknownStep = checkCelExpression('steps.ghost.status == "completed"', declarations, 'bool');
    assert.ok(!unknownStep.ok && /ghost/.test(unknownStep.message));
  });

  it('requires bool for when and a list for for_each', () => {
    const notBool = checkCelExpression('inputs.amount + 1', declarations, 'bool');
    assert.ok(!notBool.ok && /must yield bool, yields int/.test(notBool.message));
    const notList = checkCelExpression('inputs.region', declarations, 'list');
    assert.ok(!notList.ok && /must yield a list/.test(notList.message));
    assert.deepEqual(checkCelExpression('inputs.region', declarations, 'any'), { ok: true, type: 'string' });
  });

  it('separates unknown bare variables from other errors', () => {
    const result = checkCelExpression('not_declared < 5', declarations, 'bool');
    assert.ok(!result.ok && result.kind === 'unknown-variable', JSON.stringify(result));
  });

  it('refuses empty and oversized expressions without throwing', () => {
    assert.equal(checkCelExpression('   ', declarations).ok, false);
    assert.equal(checkCelExpression('1 + '.repeat(2000) + '1', declarations).ok, false);
    assert.equal(checkCelExpression('('.repeat(500), declarations).ok, false);
  });

  it('copes with input and output names that are not identifiers', () => {
    const odd = celDeclarationsFor(testWorkflow({
      inputs: [{ name: 'risk score', type: 'int' }, { name: '__proto__' }, { name: 'true', type: 'list<nonsense>' }, { name: 'ok', type: 'int' }],
      nodes: [{ id: 'n', outputs: [{ name: 'x y' }, { name: 'constructor', type: 'map<string,int>' }] }],
    }));
    assert.deepEqual(checkCelExpression('inputs["risk score"] > 1 && inputs.ok < 3', odd, 'bool'), { ok: true, type: 'bool' });
    assert.equal(checkCelExpression('inputs.ok > "x"', odd, 'bool').ok, false);
    assert.equal(checkCelExpression('steps.n.outputs["x y"] == 1', odd, 'bool').ok, true);
  });

  it('leaves inputs open when the workflow declares none', () => {
    const open = celDeclarationsFor(testWorkflow({ nodes: [{ id: 'a' }] }));
    assert.equal(checkCelExpression('inputs.anything > 3', open, 'bool').ok, true);
  });

  it('keeps error offsets in the author\'s text when step references are renamed internally', () => {
    const result = checkCelExpression('steps["fetch-data"].outputs.rows.size() > "x"', declarations, 'bool');
    assert.ok(!result.ok && result.kind === 'type', JSON.stringify(result));
    const short = checkCelExpression('steps.review.outputs.approved && steps.review.outputs.nope', declarations, 'bool');
    assert.ok(!short.ok && /nope/.test(short.message) && short.offset === 54, JSON.stringify(short));
  });

  it('finds step references in dot and index form', () => {
    assert.deepEqual(celStepReferences('steps.a.outputs.x && steps["b-c"].status == "x" || steps.a.ok'), ['a', 'b-c']);
  });
});

describe('outputs of the source step', () => {
  it('types `outputs` as the outputs of the step the edge leaves', () => {
    assert.deepEqual(checkCelExpression('outputs.approved', declarations, 'bool', 'review'), { ok: true, type: 'bool' });
    const wrong = checkCelExpression('outputs.approved == "yes"', declarations, 'bool', 'review');
    assert.ok(!wrong.ok && /bool == string/.test(wrong.message), JSON.stringify(wrong));
    const undeclared = checkCelExpression('outputs.nope', declarations, 'any', 'review');
    assert.ok(!undeclared.ok && /nope/.test(undeclared.message));
    assert.equal(checkCelExpression('outputs.anything > 1', declarations, 'bool', 'notify').ok, true, 'no declared outputs: open');
    assert.equal(checkCelExpression('outputs.anything > 1', declarations, 'bool').ok, true, 'no source: open');
    assert.equal(checkCelExpression('steps.review.outputs.approved', declarations, 'bool', 'notify').ok, true);
  });
});

describe('celDeclarationsFor with upToNode', () => {
  it('hides steps that cannot have run yet', () => {
    const upToReview = celDeclarationsFor(workflow, 'review');
    assert.deepEqual([...upToReview.steps.keys()], ['review']);
    assert.equal(checkCelExpression('steps["fetch-data"].status == "completed"', upToReview, 'bool').ok, false);
    const upToNotify = celDeclarationsFor(workflow, 'notify');
    assert.deepEqual([...upToNotify.steps.keys()].sort(), ['fetch-data', 'notify', 'review']);
  });
});
