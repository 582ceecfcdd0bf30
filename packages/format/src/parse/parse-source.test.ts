import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSourceBytes, parseSource } from '../index.js';

const codes = (text: string | Uint8Array, file?: string) => parseSource(text, file).diagnostics.map((d) => d.code);

describe('parseSource', () => {
  it('parses a workflow and locates values by path', () => {
    const { source, diagnostics } = parseSource('osop_version: "1.0"\nid: demo\nnodes:\n  - id: a\n    type: human\n', 'demo.osop');
    assert.deepEqual(diagnostics, []);
    assert.equal(source?.kind, 'workflow');
    assert.deepEqual(source?.locate(['nodes', 0, 'type']), { line: 5, column: 11 });
    assert.deepEqual(source?.locateKey(['nodes', 0, 'type']), { line: 5, column: 5 });
    // A missing key falls back to its nearest ancestor with a position.
    assert.deepEqual(source?.locate(['nodes', 0, 'purpose']), { line: 4, column: 5 });
    assert.deepEqual(source?.locate(['nodes', 7]), { line: 4, column: 3 });
  });

  it('tells the kind from the extension, then from the top-level keys', () => {
    assert.equal(parseSource('a: 1', 'x.osoplog.yaml').source?.kind, 'log');
    assert.equal(parseSource('a: 1', 'x.sop').source?.kind, 'collection');
    assert.equal(parseSource('a: 1', 'x.osop.yml').source?.kind, 'workflow');
    assert.equal(parseSource('osoplog_version: "1.0"', 'run.yaml').source?.kind, 'log');
    assert.equal(parseSource('sop_version: "1.0"').source?.kind, 'collection');
    assert.equal(parseSource('{"osop_version": "1.0", "id": "x"}', 'x.json').source?.kind, 'workflow');
  });

  it('reports YAML syntax errors with line and column', () => {
    const [d] = parseSource('id: x\nnodes: [a, b\nname: y\n').diagnostics;
    assert.equal(d.code, 'yaml-syntax');
    assert.ok(d.line >= 2, `line ${d.line}`);
    assert.ok(d.column >= 1);
  });

  it('refuses documents that are not a single mapping', () => {
    assert.deepEqual(codes('- a\n- b\n'), ['not-a-mapping']);
    assert.deepEqual(codes('just a string'), ['not-a-mapping']);
    assert.deepEqual(codes(''), ['empty-document']);
    assert.deepEqual(codes('# only a comment\n'), ['empty-document']);
    assert.deepEqual(codes('~\n'), ['empty-document']);
    assert.deepEqual(codes('a: 1\n---\nb: 2\n'), ['multiple-documents']);
  });

  it('reports duplicate keys at the second occurrence', () => {
    const [d] = parseSource('id: a\nname: x\nid: b\n').diagnostics;
    assert.equal(d.code, 'duplicate-key');
    assert.equal(d.line, 3);
  });

  it('refuses binary content, invalid UTF-8 and oversized input', () => {
    assert.deepEqual(codes('id: a\0b'), ['binary-content']);
    assert.deepEqual(codes(new Uint8Array([0x69, 0x64, 0x3a, 0xff, 0xfe])), ['binary-content']);
    assert.deepEqual(codes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])), ['binary-content']);
    assert.deepEqual(codes('a: "' + 'x'.repeat(11 * 1024 * 1024) + '"'), ['file-too-large']);
    assert.equal(decodeSourceBytes(new TextEncoder().encode('\ufeffid: a')).text, 'id: a');
  });

  it('refuses alias bombs and deep nesting without hanging', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) rows.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill(`*${'abcdefgh'[i - 1]}`).join(',')}]`);
    assert.deepEqual(codes(rows.join('\n')), ['alias-limit']);
    assert.deepEqual(codes('a: ' + '['.repeat(5000) + ']'.repeat(5000)), ['too-deep']);
    const block = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1';
    assert.deepEqual(codes(block), ['too-deep']);
  });

  it('reads bytes the same as text', () => {
    const text = 'osop_version: "1.0"\nid: é\n';
    assert.deepEqual(parseSource(new TextEncoder().encode(text)).source?.data, parseSource(text).source?.data);
  });
});
