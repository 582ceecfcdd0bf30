import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDfgView, buildVariantsTable, createLogBuilder, renderDfgDot, renderDfgMermaid, type EventLog } from '../index.js';

const H = 3_600_000;

/** Six cases: a,b,c ×3; a,c ×2; a,d,c ×1 — event times in hours from each case's start. */
function claimsLog(timestamps = true): EventLog {
  const b = createLogBuilder();
  const cases: Array<[string, Array<[string, number]>]> = [
    ['c1', [['a', 0], ['b', 1], ['c', 3]]],
    ['c2', [['a', 0], ['b', 2], ['c', 3]]],
    ['c3', [['a', 0], ['b', 3], ['c', 4]]],
    ['c4', [['a', 0], ['c', 5]]],
    ['c5', [['a', 0], ['c', 1]]],
    ['c6', [['a', 0], ['d', 10], ['c', 11]]],
  ];
  for (const [id, events] of cases) {
    b.addCase({ id, attributes: {}, events: events.map(([activity, h]) => ({ activity, timestamp: timestamps ? Date.UTC(2026, 0, 1) + h * H : NaN })) });
  }
  return b.build();
}

const arcs = (v: { edges: ReadonlyArray<{ from: string; to: string; count: number }> }) => v.edges.map((e) => `${e.from}>${e.to}:${e.count}`);

describe('DFG views', () => {
  it('counts every arc and gives the median and mean time between the two events', () => {
    const v = buildDfgView(claimsLog(), { measure: 'performance' });
    assert.deepEqual(arcs(v), ['a>b:3', 'b>c:3', 'a>c:2', 'a>d:1', 'd>c:1']);
    const bc = v.edges.find((e) => e.from === 'b' && e.to === 'c')!;
    assert.equal(bc.medianMs, 1 * H); // 2 h, 1 h, 1 h
    assert.equal(bc.meanMs, (4 / 3) * H);
    const ac = v.edges.find((e) => e.from === 'a' && e.to === 'c')!;
    assert.deepEqual([ac.medianMs, ac.meanMs], [3 * H, 3 * H]); // 5 h and 1 h
    assert.deepEqual(v.startActivities, [{ name: 'a', count: 6 }]);
    assert.deepEqual(v.endActivities, [{ name: 'c', count: 6 }]);
    assert.deepEqual(v.cases, { kept: 6, total: 6 });
  });

  it('keeps the most frequent variants until they cover the asked share of cases', () => {
    // abc covers 3/6; with ac 5/6 ≥ 0.8; adc (1 case) is left out, and with it a>d and d>c.
    const v80 = buildDfgView(claimsLog(), { coverage: 0.8 });
    assert.deepEqual(v80.variants, { kept: 2, total: 3 });
    assert.deepEqual(v80.cases, { kept: 5, total: 6 });
    assert.deepEqual(arcs(v80), ['a>b:3', 'b>c:3', 'a>c:2']);
    assert.deepEqual(v80.activities.map((a) => a.name), ['a', 'b', 'c']);
    const v50 = buildDfgView(claimsLog(), { coverage: 0.5 });
    assert.deepEqual([v50.variants.kept, v50.cases.kept], [1, 3]);
    assert.deepEqual(arcs(v50), ['a>b:3', 'b>c:3']);
  });

  it('drops arcs seen fewer than minArc times, start and end arcs included', () => {
    const v = buildDfgView(claimsLog(), { minArc: 3 });
    assert.deepEqual(arcs(v), ['a>b:3', 'b>c:3']);
    assert.equal(v.arcsDropped, 3);
    assert.deepEqual(v.startActivities.map((s) => s.name), ['a']);
    assert.deepEqual(v.activities.map((a) => a.name), ['a', 'b', 'c']); // d has no arc left
    assert.throws(() => buildDfgView(claimsLog(), { minArc: 0 }), /minArc/);
    assert.throws(() => buildDfgView(claimsLog(), { coverage: 1.5 }), /coverage/);
  });

  it('renders Mermaid and DOT with counts or durations on the arcs', () => {
    const mermaid = renderDfgMermaid(buildDfgView(claimsLog(), { minArc: 2 }));
    assert.equal(mermaid, [
      'flowchart LR', '  start(("●"))', '  end_(("■"))',
      '  a0["a (6)"]', '  a1["b (3)"]', '  a2["c (6)"]',
      '  start -->|6| a0', '  a0 -->|"3"| a1', '  a1 -->|"3"| a2', '  a0 -->|"2"| a2', '  a2 -->|6| end_', '',
    ].join('\n'));
    const dot = renderDfgDot(buildDfgView(claimsLog(), { measure: 'performance', coverage: 0.5 }));
    assert.match(dot, /^digraph dfg \{/);
    assert.match(dot, /a0 -> a1 \[label="median 2h 00m, mean 2h 00m", penwidth=5\.00\];/);
    assert.match(dot, /a1 -> a2 \[label="median 1h 00m, mean 1h 20m", penwidth=5\.00\];/);
    assert.match(renderDfgDot(buildDfgView(claimsLog(false), { measure: 'performance' })), /label="no timestamps"/);
  });

  it('escapes quotes in activity names', () => {
    const b = createLogBuilder();
    b.addCase({ id: '1', attributes: {}, events: [{ activity: 'say "hi"', timestamp: NaN }, { activity: 'x\\y', timestamp: NaN }] });
    const view = buildDfgView(b.build());
    assert.match(renderDfgMermaid(view), /a0\["say #quot;hi#quot; \(1\)"\]/);
    assert.match(renderDfgDot(view), /a0 \[label="say \\"hi\\" \(1\)"\];/);
    assert.match(renderDfgDot(view), /a1 \[label="x\\\\y \(1\)"\];/);
  });
});

describe('variants table', () => {
  it('lists variants with counts, shares and median/mean case durations', () => {
    const rows = buildVariantsTable(claimsLog());
    assert.deepEqual(rows.map((r) => [r.activities.join(','), r.count, r.share, r.cumulativeShare]), [
      ['a,b,c', 3, 0.5, 0.5], ['a,c', 2, 2 / 6, 5 / 6], ['a,d,c', 1, 1 / 6, 1],
    ]);
    assert.deepEqual(rows.map((r) => [r.medianMs / H, r.meanMs / H]), [[3, 10 / 3], [3, 3], [11, 11]]);
    assert.equal(buildVariantsTable(claimsLog(), { top: 1 }).length, 1);
    assert.ok(Number.isNaN(buildVariantsTable(claimsLog(false))[0].medianMs));
  });
});
