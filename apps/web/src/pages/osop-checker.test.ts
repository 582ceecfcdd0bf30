import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOutline, validateSource } from '@sopflow/format';
import { checkOsopText } from './osop-check-text';
import { createOsopChecker, type OsopCheckReply, type OsopCheckRequest } from './osop-checker';

// The repository's example, from this file's folder (vitest's import.meta.url is a /@fs/ URL under happy-dom).
const VALID = readFileSync(join(import.meta.dirname, '../../../../examples/incident-response.osop'), 'utf8');
const INVALID = VALID.replace(/^id: .*$/m, 'id: [not, an, id]');

/**
 * The check's worker as a page sees one: the same message protocol and the real validateSource as
 * osop-check.worker.ts (checkOsopText), its replies held until `deliver()` (so a test decides when the worker answers).
 */
function heldWorker() {
  const received: OsopCheckRequest[] = [];
  const held: OsopCheckReply[] = [];
  const port = {
    onmessage: null as ((event: MessageEvent<OsopCheckReply>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    onmessageerror: null as (() => void) | null,
    terminated: false,
    postMessage(request: OsopCheckRequest) {
      received.push(request);
      held.push({ seq: request.seq, ...checkOsopText(request.text) });
    },
    terminate() { port.terminated = true; },
  };
  const deliver = async () => {
    const reply = held.shift()!;
    port.onmessage!({ data: structuredClone(reply) } as MessageEvent<OsopCheckReply>);
    await Promise.resolve();
  };
  return { port, received, deliver, start: () => port as unknown as Worker };
}

describe('the editor’s .osop checker', () => {
  it('answers from the worker with the format’s report, the same diagnostics as on the main thread', async () => {
    const worker = heldWorker();
    const checker = createOsopChecker(worker.start);
    const answer = checker.check(INVALID);
    await worker.deliver();
    const checked = await answer;
    expect(checked?.by).toBe('worker');
    expect(checked?.report.valid).toBe(false);
    expect(checked?.report.diagnostics).toEqual(validateSource(INVALID, 'draft.osop').diagnostics);
    expect(checked?.report.diagnostics.length).toBeGreaterThan(0);
  });

  it('brings the valid document’s outline with the worker’s answer (the page renders none itself), and none for an invalid one', async () => {
    const worker = heldWorker();
    const checker = createOsopChecker(worker.start);
    const valid = checker.check(VALID);
    await worker.deliver();
    const checked = await valid;
    expect(checked?.by).toBe('worker');
    expect(checked?.outline).toBe(renderOutline(validateSource(VALID, 'draft.osop').workflow!));
    expect(checked?.outline).toMatch(/\S/);
    const invalid = checker.check(INVALID);
    await worker.deliver();
    expect((await invalid)?.outline).toBeNull();
  });

  it('drops a stale answer: a text asked for while another is checked replaces any text waiting, and only the newest gets a report', async () => {
    const worker = heldWorker();
    const checker = createOsopChecker(worker.start);
    const first = checker.check(VALID);
    const second = checker.check(INVALID);
    const third = checker.check(`${VALID}# a note\n`);
    // One version at a time: the second never reaches the worker, the third waits for the first's answer.
    expect(worker.received.map((r) => r.seq)).toEqual([1]);
    await worker.deliver();
    expect(await first).toBeNull();
    expect(await second).toBeNull();
    expect(worker.received.map((r) => r.seq)).toEqual([1, 3]);
    await worker.deliver();
    const newest = await third;
    expect(newest?.text).toBe(`${VALID}# a note\n`);
    expect(newest?.report.valid).toBe(true);
  });

  it('asks once for the text it was just asked for (the page and the linter share one check)', async () => {
    const worker = heldWorker();
    const checker = createOsopChecker(worker.start);
    const fromPage = checker.check(VALID);
    const fromLinter = checker.check(VALID);
    await worker.deliver();
    expect(await fromLinter).toBe(await fromPage);
    expect(worker.received).toHaveLength(1);
  });

  it('checks on the main thread when the worker cannot start', async () => {
    const checker = createOsopChecker(() => { throw new Error('no workers here'); });
    const checked = await checker.check(INVALID);
    expect(checked?.by).toBe('main-thread');
    expect(checked?.report.diagnostics).toEqual(validateSource(INVALID, 'draft.osop').diagnostics);
    expect((await checker.check(VALID))?.outline).toBe(renderOutline(validateSource(VALID, 'draft.osop').workflow!));
  });

  it('checks on the main thread when the worker fails (its script did not load), and the text under way still gets its answer', async () => {
    const worker = heldWorker();
    const checker = createOsopChecker(worker.start);
    const answer = checker.check(INVALID);
    worker.port.onerror!({ preventDefault() {} } as ErrorEvent);
    expect(worker.port.terminated).toBe(true);
    expect((await answer)?.by).toBe('main-thread');
    expect((await checker.check(VALID))?.by).toBe('main-thread');
  });
});
