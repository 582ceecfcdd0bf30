import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const steps = async (text: string, name: string) =>
  (await importDocument(new TextEncoder().encode(text), name)).sops.flatMap((s) => s.steps.map((x) => x.title));

describe('enumerations typed as prose: "(1) …", "a. …"', () => {
  it('reads lines "(1) …" to "(4) …" joined into one markdown paragraph as a numbered list', async () => {
    const md = '# Filing an expense claim\n\n(1) Scan every receipt into the expenses app.\n(2) Choose the cost centre for each receipt.\n(3) Submit the claim to your manager.\n';
    assert.deepEqual(await steps(md, 'claims.md'), ['Scan every receipt into the expenses app', 'Choose the cost centre for each receipt', 'Submit the claim to your manager']);
  });

  it('reads lettered lines "a. …" as a list, and "(1)" paragraphs of an HTML page too', async () => {
    const md = '# Opening the lab\n\na. Switch on the fume hoods.\nb. Read the freezer temperatures into the log.\nc. Unlock the chemical cabinet.\n';
    assert.deepEqual(await steps(md, 'lab.md'), ['Switch on the fume hoods', 'Read the freezer temperatures into the log', 'Unlock the chemical cabinet']);
    const html = '<html><body><h1>Closing the lab</h1><p>(1) Lock the chemical cabinet.</p><p>(2) Switch off the fume hoods.</p><p>(3) Set the alarm.</p></body></html>';
    assert.deepEqual(await steps(html, 'lab.html'), ['Lock the chemical cabinet', 'Switch off the fume hoods', 'Set the alarm']);
  });

  it('leaves an enumeration inside a sentence as prose', async () => {
    const md = '# About patches\n\n(1) is the rule we keep: a patch must (2) build and (3) pass the tests. Reviewers read every patch.\n';
    const result = await importDocument(new TextEncoder().encode(md), 'patches.md');
    assert.equal(result.sops.length, 0);
  });
});
