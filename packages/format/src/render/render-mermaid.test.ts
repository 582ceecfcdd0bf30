import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testWorkflow, yamlContext } from '../validate/test-workflow.js';
import { edgeBranches } from './edge-branches.js';
import { RENDER_FIXTURE } from './render-fixture.js';
import { mermaidText, renderMermaid } from './render-mermaid.js';

const workflow = yamlContext(RENDER_FIXTURE).workflow;
const text = renderMermaid(workflow);
const lines = text.split('\n');

/** Generated id of each node, read back from its declaration line. */
function declaredIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const line of lines) {
    const m = /^\s+(n\d+)[[({]+"([^"]*)"/.exec(line);
    if (m !== null) ids.set(m[2]!.split('<br/>')[0]!, m[1]!);
  }
  return ids;
}

describe('renderMermaid', () => {
  it('declares every node once and draws every edge branch', () => {
    assert.equal(lines[0], 'flowchart TD');
    const ids = declaredIds();
    assert.equal(ids.size, workflow.nodes.length);
    const arrows = lines.filter((l) => /^\s+\S+ (-->|==>|-\.->)/.test(l));
    const expected = workflow.edges.flatMap(edgeBranches).length;
    assert.equal(arrows.length, expected);
    const byName = (name: string): string => ids.get(name)!;
    assert.ok(lines.includes(`  ${byName('Cut release branch')} ==>|"in parallel"| ${byName('Unit tests')}`));
    assert.ok(lines.includes(`  ${byName('Deploy to production')} -.->|"on error"| ${byName('Roll back')}`));
    assert.ok(lines.includes(`  ${byName('Choose channel')} -->|"inputs.channel = #34;stable#34;"| ${byName('Manual QA')}`));
  });

  it('groups nodes into one subgraph per role', () => {
    const start = lines.indexOf('  subgraph lane1["qa"]');
    assert.ok(start > 0);
    const end = lines.indexOf('  end', start);
    const members = lines.slice(start + 1, end).join('\n');
    assert.match(members, /AI change review/);
    assert.match(members, /Manual QA/);
    assert.doesNotMatch(members, /Deploy to production/);
    assert.equal(lines.filter((l) => l.startsWith('  subgraph')).length, 3);
  });

  it('escapes quotes, angle brackets, hashes and newlines in labels', () => {
    assert.equal(mermaidText('a "b" <c> #1; `d`\ne'), 'a #34;b#34; #60;c#62; #35;1; #96;d#96;<br/>e');
    assert.match(text, /Manual QA<br\/>sign-off/);
    const hostile = renderMermaid(testWorkflow({ nodes: [{ id: 'x"]; click x call evil()', name: 'a"]-->b' }], edges: [] }));
    assert.ok(!hostile.includes('"]-->b'), hostile);
    assert.match(hostile, /n0\["a#34;\]--#62;b/);
  });

  it('marks performers, approval gates and risk with classes, and draws missing targets', () => {
    const ids = declaredIds();
    assert.ok(lines.includes(`  class ${ids.get('AI change review')} agent`));
    assert.ok(lines.some((l) => l.startsWith('  class ') && l.endsWith(' approval') && l.includes(ids.get('Deploy to production')!)));
    assert.ok(lines.includes(`  class ${ids.get('Deploy to production')} risk`));
    const broken = renderMermaid(testWorkflow({ nodes: [{ id: 'a' }], edges: [{ from: 'a', to: 'ghost' }] }));
    assert.match(broken, /n0 --> missing0/);
    assert.match(broken, /missing0\["ghost \(missing\)"\]:::missing/);
  });
});
