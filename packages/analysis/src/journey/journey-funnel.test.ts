import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadWorkflow, stringifyExecutionLog, validateSource } from '@sopflow/format';
import { idealPath, journeyFunnel, journeySessionLog, readOsoplog } from '../index.js';
import type { JourneySession } from '../index.js';

const ideal = loadWorkflow(readFileSync(new URL('../../test-fixtures/journeys/signup.osop', import.meta.url), 'utf8'), 'signup.osop').workflow!;

/** Steps one minute apart from 10:00; `!` after a step marks the conversion. */
function session(id: string, steps: string[], agent?: string): JourneySession {
  const events = steps.map((s, i) => ({
    step: s.replace(/!$/, ''), at: new Date(Date.UTC(2026, 11, 1, 10, i)).toISOString(), ...(s.endsWith('!') ? { outcome: 'converted' } : {}),
  }));
  return { id, events, ...(agent === undefined ? {} : { agent }) };
}

// Eight sessions whose figures are worked out by hand in the comments.
const SESSIONS = [
  session('h1', ['home', 'Pricing', 'Sign up', 'checkout!']), // the whole path (names or ids both match)
  session('h2', ['home', 'pricing', 'blog', 'pricing', 'signup', 'checkout!']), // detour after pricing: blog → pricing
  session('h3', ['home', 'blog']), // left after home: detour blog
  session('h4', ['home', 'pricing', 'blog', 'pricing']), // detour after pricing: blog → pricing, then left
  session('h5', ['docs', 'home', 'pricing', 'signup']), // detour before home: docs; left before checkout
  session('h6', ['pricing', 'signup']), // never on the path: pricing is not the first step
  session('a1', ['home', 'signup', 'checkout!'], 'shopper-bot'), // skipped pricing: off the path after home, converted anyway
  session('a2', ['home', 'pricing', 'signup', 'checkout!'], 'shopper-bot'),
];

describe('journeyFunnel on eight sessions checked by hand', () => {
  const funnel = journeyFunnel(ideal, SESSIONS);

  it('follows the ideal main path from the entry node', () => {
    assert.deepEqual(idealPath(ideal).map((s) => s.id), ['home', 'pricing', 'signup', 'checkout']);
  });

  it('counts who reached each step in order and the drop-off per step (all sessions)', () => {
    assert.deepEqual(funnel.all.steps.map((s) => [s.id, s.reached, s.dropped]), [['home', 7, 1], ['pricing', 5, 2], ['signup', 4, 1], ['checkout', 3, 1]]);
    assert.deepEqual(funnel.all.steps.map((s) => Number(s.dropRate.toFixed(4))), [0.125, 0.2857, 0.2, 0.25]);
    assert.equal(funnel.all.steps[3]!.share, 3 / 8);
    assert.deepEqual([funnel.all.sessions, funnel.all.converted, funnel.all.conversionRate, funnel.all.completed], [8, 4, 0.5, 3]);
  });

  it('keeps people and agents apart', () => {
    assert.deepEqual(funnel.humans.steps.map((s) => s.reached), [5, 4, 3, 2]);
    assert.deepEqual([funnel.humans.sessions, funnel.humans.converted, funnel.humans.completed], [6, 2, 2]);
    assert.deepEqual(funnel.agents.steps.map((s) => s.reached), [2, 1, 1, 1]);
    assert.deepEqual([funnel.agents.sessions, funnel.agents.converted, funnel.agents.completed], [2, 2, 1]);
    assert.deepEqual(funnel.agents.detours, [{ after: 'home', steps: ['signup', 'checkout'], sessions: 1 }]);
  });

  it('ranks the commonest detours: most sessions first, then the shorter', () => {
    assert.deepEqual(funnel.all.detours.map((d) => [d.after, d.steps.join(' → '), d.sessions]), [
      ['pricing', 'blog → pricing', 2],
      ['home', 'blog', 1],
      [null, 'docs', 1],
      ['home', 'signup → checkout', 1],
      [null, 'pricing → signup', 1],
    ]);
  });

  it('gives empty groups zero rates, not NaN', () => {
    const none = journeyFunnel(ideal, SESSIONS.filter((s) => s.agent === undefined)).agents;
    assert.deepEqual([none.sessions, none.conversionRate, none.steps[0]!.share, none.steps[1]!.dropRate], [0, 0, 0, 0]);
  });
});

describe('journeySessionLog', () => {
  it('writes one valid .osoplog per session that reads back as a run record of its steps', () => {
    const log = journeySessionLog(SESSIONS[6]!, ideal.id, idealPath(ideal));
    const text = stringifyExecutionLog(log);
    const check = validateSource(text, 'a1.osoplog');
    assert.equal(check.valid, true, JSON.stringify(check.diagnostics));
    const { record } = readOsoplog(text, 'a1.osoplog');
    assert.equal(record?.runId, 'journey-a1');
    assert.equal(record?.outcome, 'converted');
    assert.equal(record?.agent, 'shopper-bot');
    assert.deepEqual(record?.steps.map((s) => [s.nodeId, s.type, s.durationMs]), [['home', 'agent', 60_000], ['signup', 'agent', 60_000], ['checkout', 'agent', 0]]);
    const person = journeySessionLog(SESSIONS[2]!, ideal.id, idealPath(ideal));
    assert.deepEqual([person.outcome, person.node_records?.map((r) => r.node_type)], ['left', ['human', 'human']]);
  });
});
