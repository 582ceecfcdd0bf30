import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { testWorkflow, yamlContext } from '../validate/test-workflow.js';
import { edgeBranches } from './edge-branches.js';
import { RENDER_FIXTURE } from './render-fixture.js';
import { dotString, renderDot } from './render-dot.js';

type Token = { kind: 'string'; value: string } | { kind: 'punct' | 'word'; value: string };

/** A strict tokenizer for the DOT we emit: fails on an unterminated string or an unknown escape. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated string');
        const d = text[i]!;
        if (d === '\n') throw new Error('raw newline inside a string');
        if (d === '"') { i++; break; }
        if (d === '\\') {
          const e = text[i + 1]!;
          if (e === 'n') value += '\n';
          else if (e === '"' || e === '\\') value += e;
          else throw new Error(`unexpected escape \\${e}`);
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: 'string', value });
      continue;
    }
    if (text.startsWith('->', i)) { tokens.push({ kind: 'punct', value: '->' }); i += 2; continue; }
    if ('{}[];,='.includes(c)) { tokens.push({ kind: 'punct', value: c }); i++; continue; }
    const m = /^[A-Za-z0-9_.#]+/.exec(text.slice(i));
    if (m === null) throw new Error(`unexpected character ${c}`);
    tokens.push({ kind: 'word', value: m[0] });
    i += m[0].length;
  }
  return tokens;
}

/** Node ids (first string of a statement followed by `[`) and edges (`"a" -> "b"`), with the cluster each node sits in. */
function structure(tokens: Token[]): { nodes: Map<string, string | undefined>; edges: [string, string][]; labels: Map<string, string> } {
  const nodes = new Map<string, string | undefined>();
  const labels = new Map<string, string>();
  const edges: [string, string][] = [];
  const clusters: (string | undefined)[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.value === '{') { depth++; continue; }
    if (t.value === '}') { depth--; clusters.pop(); continue; }
    if (t.kind === 'word' && t.value === 'subgraph') { clusters.push(tokens[i + 1]!.value); i++; continue; }
    if (t.kind !== 'string' || tokens[i - 1]?.value === '=' ) continue;
    if (tokens[i + 1]?.value === '->') {
      edges.push([t.value, tokens[i + 2]!.value]);
      i += 2;
    } else if (tokens[i + 1]?.value === '[') {
      nodes.set(t.value, clusters[clusters.length - 1]);
      const label = tokens.findIndex((x, k) => k > i && x.value === 'label');
      labels.set(t.value, tokens[label + 2]!.value);
    }
  }
  assert.equal(depth, 0, 'braces balance');
  return { nodes, edges, labels };
}

const workflow = yamlContext(RENDER_FIXTURE).workflow;
const dot = renderDot(workflow);

describe('renderDot', () => {
  it('emits well-formed DOT with every node and every edge branch', () => {
    assert.match(dot, /^digraph "release-train" \{\n/);
    const { nodes, edges } = structure(tokenize(dot));
    assert.deepEqual([...nodes.keys()].sort(), workflow.nodes.map((n) => n.id).sort());
    const expected = workflow.edges.flatMap(edgeBranches).map((b) => [b.from, b.to]);
    assert.deepEqual(edges, expected);
  });

  it('puts each role in its own cluster and role-less steps outside', () => {
    const { nodes } = structure(tokenize(dot));
    assert.equal(nodes.get('ai_review'), nodes.get('manual_qa'));
    assert.notEqual(nodes.get('ai_review'), nodes.get('deploy'));
    assert.match(String(nodes.get('deploy')), /^cluster_/);
    assert.equal(nodes.get('merge_results'), undefined);
  });

  it('escapes quotes, backslashes and newlines so labels round-trip', () => {
    assert.equal(dotString('say "hi"\\now\nnext'), '"say \\"hi\\"\\\\now\\nnext"');
    const tricky = testWorkflow({ nodes: [{ id: 'a"b', name: 'Line one\nLine "two" \\ end' }, { id: 'c' }], edges: [{ from: 'a"b', to: 'c', label: 'if "x"' }] });
    const { nodes, edges, labels } = structure(tokenize(renderDot(tricky)));
    assert.ok(nodes.has('a"b'));
    assert.deepEqual(edges, [['a"b', 'c']]);
    assert.equal(labels.get('a"b')!.split('\n').slice(0, 2).join('\n'), 'Line one\nLine "two" \\ end');
  });

  it('shows approval, risk and missing targets', () => {
    assert.match(dot, /"deploy" \[label="Deploy to production\\nsystem · approval: release-manager · risk critical", [^\]]*color="#c62828", penwidth=2\]/);
    assert.match(dot, /"manual_qa" \[[^\]]*color="#2e7d32"/);
    const broken = renderDot(testWorkflow({ nodes: [{ id: 'a' }], edges: [{ from: 'a', to: 'ghost' }] }));
    assert.match(broken, /"ghost" \[label="ghost\\n\(missing\)", style=dashed/);
  });
});

describe('renderDot through Graphviz', () => {
  const probe = spawnSync('dot', ['-V'], { encoding: 'utf8', timeout: 5_000 });
  const available = probe.status === 0;
  it('is accepted by the real `dot` layout engine, hostile names included', { skip: available ? false : 'Graphviz `dot` is not installed' }, () => {
    const hostile = testWorkflow({
      id: 'weird "id"\n{}',
      name: 'x\\y',
      nodes: [{ id: 'a"b', name: 'Line one\nLine "two" \\ end', role: 'r"ole' }, { id: 'c;d', role: 'subgraph' }, { id: 'node' }, { id: 'edge' }],
      edges: [{ from: 'a"b', to: 'c;d', label: 'if "x" {y}' }, { from: 'node', to: 'edge' }, { from: 'edge', to: 'ghost"' }],
    });
    for (const input of [dot, renderDot(hostile)]) {
      const result = spawnSync('dot', ['-Tsvg'], { input, encoding: 'utf8', timeout: 20_000 });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /<svg/);
      assert.equal(result.stderr, '');
    }
  });
});
