import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from '@sopflow/engine';
import { replayHistory, type ReplayHistory } from './replay-history.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'replay');
/** Histories recorded now, and a few recorded before RunStarted pinned the executor types (`unpinned/`). */
const files = [
  ...readdirSync(dir).filter((f) => f.endsWith('.json')).sort(),
  ...readdirSync(join(dir, 'unpinned')).filter((f) => f.endsWith('.json')).sort().map((f) => `unpinned/${f}`),
];

describe('replay of recorded histories (decide gives exactly the recorded events and commands)', () => {
  it('has a history for every conformance case', () => {
    assert.ok(files.length >= 33, `${files.length} histories`);
  });

  for (const file of files) {
    it(file, () => {
      const history = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReplayHistory;
      const started = history.events[0];
      assert.equal(started.type === 'RunStarted' ? started.contentHash : undefined, contentHash(history.workflow), `${file}: the workflow text is the one the run is pinned to`);
      const outcome = replayHistory(history, { executorTypes: history.executorTypes });
      if (!outcome.ok) assert.fail(`history ${file} no longer replays: ${outcome.message}`);
      assert.equal(outcome.decisions.length, history.decisions.length, `${file}: number of decisions`);
      for (const [k, recorded] of history.decisions.entries()) {
        assert.deepEqual(outcome.decisions[k], recorded, `history ${file}: the decision at seq ${recorded.seq} (${recorded.input}) gives other commands`);
      }
    });
  }
});
