import assert from 'node:assert/strict';
import { applyEvent, type Decision, type RunState } from '../src/index.js';

/** The start time of the decide tests' runs; `at(sec)` is that many seconds later (ISO). */
export const T0 = '2026-01-01T00:00:00.000Z';
export const at = (sec: number): string => new Date(Date.parse(T0) + sec * 1000).toISOString();

/** Applies a decision's events and the StepStarted events the run loop adds for its executeStep commands; fails on a rejected decision. */
export function applyDecision(state: RunState, decision: Decision, when: string): RunState {
  assert.equal(decision.rejected, undefined, decision.rejected?.message);
  for (const e of decision.events) applyEvent(state, e);
  for (const cmd of decision.commands) {
    if (cmd.type === 'executeStep') applyEvent(state, { type: 'StepStarted', at: when, nodeId: cmd.nodeId, activation: cmd.activation, attempt: cmd.attempt });
  }
  return state;
}
