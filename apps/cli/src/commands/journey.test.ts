import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { validateSource } from '@sopflow/format';
import { createTenant, openWorkspace } from '@sopflow/service';
import { seedJourneySessions, SIGNUP_JOURNEY_FILE } from '../../../../packages/service/src/test-support/journey-sessions.js';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const dir = mkdtempSync(join(tmpdir(), 'sopflow-journey-cli-'));
const db = join(dir, 's.db');
const env = { SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') };
const ideal = fileURLToPath(SIGNUP_JOURNEY_FILE);
const sopflow = (...args: string[]) => runSopflow([...args, '--db', db, '--tenant', 'acme'], { cwd: dir, env });

describe('sopflow journey (the real binary): keys, the report of eight seeded sessions, the proposal and the sessions as .osoplog', () => {
  before(async () => {
    const ws = await openWorkspace({ db, auditKeyFile: env.SOPFLOW_AUDIT_KEY_FILE });
    try {
      await createTenant({ store: ws.store, localAdmin: 'test' }, { slug: 'acme' });
      await seedJourneySessions(ws, 'acme');
    } finally {
      await ws.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the funnel people and agents apart, with drop-off and the commonest detours (the figures journey.test.ts works out by hand)', () => {
    const run = sopflow('journey', 'report', ideal, '--since', '2026-12-01');
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[1], '8 sessions: 6 by people, 2 by agents');
    assert.deepEqual(lines.slice(5, 10), [
      '1 Home page   7 87.5%  -1 12.5%     5 83.3%  -1 16.7%     2 100.0%  -0 0.0%',
      '2 Pricing     5 62.5%  -2 28.6%     4 66.7%  -1 20.0%     1 50.0%  -1 50.0%',
      '3 Sign up     4 50.0%  -1 20.0%     3 50.0%  -1 25.0%     1 50.0%  -0 0.0%',
      '4 Checkout    3 37.5%  -1 25.0%     2 33.3%  -1 33.3%     1 50.0%  -0 0.0%',
      'converted     4 50.0%               2 33.3%               2 100.0%',
    ]);
    assert.match(run.stdout, /agents:\n\s+1 {2}after home: signup → checkout\n/);
    const json = JSON.parse(sopflow('journey', 'report', ideal, '--json').stdout) as { funnel: { all: { sessions: number }; agents: { converted: number } } };
    assert.deepEqual([json.funnel.all.sessions, json.funnel.agents.converted], [9, 2], 'without --since the session of 30 November counts');
    const bad = sopflow('journey', 'report', ideal, '--since', 'yesterday-ish');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--since yesterday-ish: give a date .* \(invalid_request\)/);
    assert.equal(hasStackTrace(bad.stderr), false, bad.stderr);
  });

  it('proposes a better journey from the converting sessions as a valid draft beside its rationale, and will not overwrite it without --force', () => {
    const out = join(dir, 'proposed.osop');
    const run = sopflow('journey', 'report', ideal, '--since', '2026-12-01', '--synthesize', out);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /wrote .*proposed\.osop \(proposed from 4 converting sessions; a draft for a person to review\)/);
    assert.equal(validateSource(readFileSync(out, 'utf8'), 'proposed.osop').valid, true);
    assert.match(readFileSync(join(dir, 'proposed.rationale.md'), 'utf8'), /"pricing" is optional: it ran in 3 of 4 runs/);
    const again = sopflow('journey', 'report', ideal, '--synthesize', out);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists; use --force/);
  });

  it('writes each session as a valid .osoplog named by the ideal journey', () => {
    const out = join(dir, 'logs');
    const run = sopflow('journey', 'logs', '-o', out, '--ideal', ideal, '--since', '2026-12-01');
    assert.equal(run.stdout, `wrote 8 sessions as .osoplog to ${out}\n`);
    const files = readdirSync(out).sort();
    assert.equal(files.length, 8);
    for (const file of files) assert.equal(validateSource(readFileSync(join(out, file), 'utf8'), file).valid, true, file);
    assert.match(readFileSync(join(out, 'journey-sess-a1-0000.osoplog'), 'utf8'), /agent: shopper-bot/);
  });

  it('creates, lists and revokes a journey key; a second revoke is not_found', () => {
    const made = JSON.parse(sopflow('journey', 'key', 'create', '--origin', 'https://shop.example', '--json').stdout) as { key: string; origins: string[] };
    assert.match(made.key, /^jk_/);
    assert.deepEqual(made.origins, ['https://shop.example']);
    assert.match(sopflow('journey', 'key', 'list').stdout, new RegExp(`^${made.key} .* origins: https://shop\\.example$`, 'm'));
    const revoked = sopflow('journey', 'key', 'revoke', made.key);
    assert.match(revoked.stdout, new RegExp(`^revoked journey key ${made.key} of tenant acme at `));
    assert.doesNotMatch(sopflow('journey', 'key', 'list').stdout, new RegExp(made.key));
    const twice = sopflow('journey', 'key', 'revoke', made.key);
    assert.equal(twice.status, 1);
    assert.match(twice.stderr, /no journey key .* in use \(not_found\)/);
    assert.equal(existsSync(join(dir, '.sopflow')), false, 'everything went to --db');
  });
});
