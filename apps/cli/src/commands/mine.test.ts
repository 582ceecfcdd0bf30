import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

/** Orders: register, then check stock and check credit in either order, then ship or reject. */
function ordersCsv(): string {
  const rows = ['order,step,at,who'];
  const t0 = Date.UTC(2026, 0, 5, 9);
  for (let c = 1; c <= 12; c++) {
    const checks = c % 2 === 0 ? ['check stock', 'check credit'] : ['check credit', 'check stock'];
    const end = c % 3 === 0 ? 'reject' : 'ship';
    ['register', ...checks, end].forEach((a, i) => rows.push(`o${c},${a},${new Date(t0 + c * 86_400_000 + i * 3_600_000).toISOString()},clerk${c % 2}`));
  }
  return `${rows.join('\n')}\n`;
}

describe('sopflow mine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-mine-'));
  const csv = join(dir, 'orders.csv');
  writeFileSync(csv, ordersCsv());
  const opts = ['--case', 'order', '--activity', 'step', '--timestamp', 'at', '--resource', 'who'];

  it('mines a CSV log and prints the figures as JSON', () => {
    const r = runSopflow(['mine', csv, ...opts, '--metrics', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(r.stdout) as Record<string, unknown> & { fitness: { tbr: number; alignments: number } };
    assert.equal(m.cases, 12);
    assert.equal(m.events, 48);
    assert.equal(m.activities, 5);
    assert.equal(m.variants, 4);
    for (const k of ['places', 'transitions', 'precision', 'generalization', 'simplicity']) assert.equal(typeof m[k], 'number', k);
    assert.equal(m.fitness.tbr, 1);
    // PM4Py charges silent moves a tiny cost, so a perfectly fitting log scores just under 1 (0.99998 here).
    assert.ok(m.fitness.alignments > 0.999, String(m.fitness.alignments));
    assert.match(String(m.tree), /\+\( 'check credit', 'check stock' \)|\+\( 'check stock', 'check credit' \)/);
  });

  it('writes the mined model as a draft .osop that validates', () => {
    const out = join(dir, 'mined.osop');
    const r = runSopflow(['mine', csv, ...opts, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(runSopflow(['validate', out]).status, 0);
  });

  it('names the available columns when a column is wrong, and rejects bad options', () => {
    const r = runSopflow(['mine', csv, '--case', 'nope', '--activity', 'step', '--timestamp', 'at']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nope/);
    assert.match(r.stderr, /order/);
    assert.ok(!hasStackTrace(r.stderr));
    assert.equal(runSopflow(['mine', csv, ...opts, '--miner', 'beta']).status, 2);
    assert.equal(runSopflow(['mine', csv, ...opts, '--miner', 'imf', '--noise', '2']).status, 2);
    assert.equal(runSopflow(['mine', join(dir, 'missing.xes')]).status, 2);
  });

  it('reports a truncated XES file with its position', () => {
    const xes = join(dir, 'broken.xes');
    writeFileSync(xes, '<?xml version="1.0"?>\n<log>\n<trace><string key="concept:name" value="1"/>\n<event><string key="concept:name" value="a"/>\n');
    const r = runSopflow(['mine', xes]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /broken\.xes(:\d+:\d+)?/);
    assert.ok(!hasStackTrace(r.stderr));
  });

  it('mines with the heuristics and alpha miners, and says which lifecycle rule applied', () => {
    for (const miner of ['heuristics', 'alpha']) {
      const r = runSopflow(['mine', csv, ...opts, '--miner', miner, '--metrics', '--json']);
      assert.equal(r.status, 0, r.stderr);
      const m = JSON.parse(r.stdout) as { fitness: { tbr: number }; tree?: string; lifecycle: { applied: string } };
      assert.equal(m.fitness.tbr, 1, miner);
      assert.equal(m.tree, undefined);
      assert.equal(m.lifecycle.applied, 'all');
    }
    const text = runSopflow(['mine', csv, ...opts, '--miner', 'heuristics']);
    assert.match(text.stdout, /^lifecycle: every event \(auto: .*\); 48 of 48 events kept$/m);
    assert.equal(runSopflow(['mine', csv, ...opts, '--miner', 'alpha', '-o', join(dir, 'x.osop')]).status, 2);
  });

  it('says why a log is empty when --lifecycle complete keeps none of its events', () => {
    const states = join(dir, 'states.csv');
    writeFileSync(states, 'case:concept:name,concept:name,time:timestamp,lifecycle:transition\nt1,triage,2024-01-01T08:00:00Z,Assigned\nt1,close,2024-01-01T09:00:00Z,Closed\n');
    const r = runSopflow(['mine', states, '--lifecycle', 'complete']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /CSV log has 2 events but none is kept: --lifecycle complete was asked for \(lifecycle values Assigned, Closed\)/);
    const auto = runSopflow(['mine', states]);
    assert.equal(auto.status, 0, auto.stderr);
    assert.match(auto.stdout, /lifecycle: every event/);
  });

  // The orders log has four variants: credit-first/stock-first × ship (4 cases each) / reject (2 each); events 1 h apart.
  it('draws the DFG of the variants covering half the cases as Mermaid, with what was kept on stderr', () => {
    const r = runSopflow(['mine', csv, ...opts, '--dfg', 'frequency', '--coverage', '0.5']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^flowchart LR\n/);
    assert.equal(r.stdout.match(/-->\|"4"\|/g)?.length, 6);
    assert.doesNotMatch(r.stdout, /reject/);
    assert.match(r.stderr, /^kept 8 of 12 cases \(2 of 4 variants\); 6 arcs shown, 0 dropped$/m);
  });

  it('draws the performance DFG as DOT without arcs seen fewer than --min-arc times', () => {
    const r = runSopflow(['mine', csv, ...opts, '--dfg', 'performance', '--min-arc', '5', '--format', 'dot']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^digraph dfg \{/);
    // register→check stock/credit and check stock⇄check credit (6 each) stay; the ship/reject arcs (4 and 2) and the reject end go.
    assert.equal(r.stdout.match(/label="median 1h 00m, mean 1h 00m"/g)?.length, 4);
    assert.doesNotMatch(r.stdout, /reject/);
    assert.match(r.stderr, /4 arcs shown, 5 dropped/);
    const json = runSopflow(['mine', csv, ...opts, '--dfg', 'performance', '--format', 'json']);
    const view = JSON.parse(json.stdout) as { edges: Array<{ count: number; medianMs: number; meanMs: number }> };
    assert.equal(view.edges.length, 8);
    assert.deepEqual([view.edges[0].count, view.edges[0].medianMs, view.edges[0].meanMs], [6, 3_600_000, 3_600_000]);
  });

  it('lists the variants with counts, shares and case durations', () => {
    const r = runSopflow(['mine', csv, ...opts, '--variants', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const t = JSON.parse(r.stdout) as { cases: number; variants: Array<{ activities: string[]; count: number; share: number; medianMs: number; meanMs: number }> };
    assert.equal(t.cases, 12);
    assert.deepEqual(t.variants.map((v) => v.count), [4, 4, 2, 2]);
    assert.deepEqual(t.variants[0].activities, ['register', 'check credit', 'check stock', 'ship']);
    assert.deepEqual([t.variants[0].share, t.variants[0].medianMs, t.variants[0].meanMs], [4 / 12, 3 * 3_600_000, 3 * 3_600_000]);
    const text = runSopflow(['mine', csv, ...opts, '--variants', '--top', '2']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^2 +4 +33\.3% +66\.7% +3h 00m +3h 00m +register → check stock → check credit → ship$/m);
    assert.match(text.stdout, /12 cases; the 2 most frequent variants shown/);
  });

  it('refuses a bad view option with exit 2 and no stack trace', () => {
    for (const args of [['--dfg', 'speed'], ['--dfg', 'frequency', '--coverage', '0'], ['--dfg', 'frequency', '--min-arc', 'x'], ['--dfg', 'frequency', '--variants'], ['--dfg', 'frequency', '--format', 'svg'], ['--variants', '--metrics']]) {
      const r = runSopflow(['mine', csv, ...opts, ...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.ok(!hasStackTrace(r.stderr));
    }
  });
});
