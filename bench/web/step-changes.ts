import type { Browser } from 'playwright-core';
import { until, type BenchServer } from '../server/bench-server.js';
import { signedInContext } from './library-load.js';

/** One step's change to `done`: when the engine recorded it (the StepCompleted event's `at`) and when the page's DOM showed it (ms since the epoch, one clock). */
export interface StepChange { stepId: string; recordedAt: number; shownAt: number }

/**
 * Opens the SOP page of `sopId` (an SOP of `changes` + 1 person's steps in a row) with a run in
 * flight and following its events, then completes the steps' tasks through the API one at a time;
 * for each, the first moment the Steps table shows it `done` (a MutationObserver in the page,
 * Date.now()) against the `at` of its StepCompleted event in the store.
 */
export async function measureStepChanges(browser: Browser, server: BenchServer, sopId: string, changes: number): Promise<StepChange[]> {
  const context = await signedInContext(browser, server);
  try {
    const { runId } = (await server.api('POST', `/api/sops/${sopId}/run`, undefined, 202)).json as { runId: string };
    const page = await context.newPage();
    await page.goto(`${server.url}/sops/${sopId}`);
    await page.getByText('live — following the run’s events').waitFor();
    await page.evaluate(STEP_STATES_SCRIPT);
    const measured: StepChange[] = [];
    for (let k = 0; k < changes; k++) {
      const stepId = `s${k}`;
      const task = await until(async () => ((await server.api('GET', '/api/tasks', undefined, 200)).json.tasks as { id: string; runId: string; stepId: string }[])
        .find((t) => t.runId === runId && t.stepId === stepId));
      await server.api('POST', `/api/tasks/${task.id}/complete`, { data: {} }, 200);
      const shown = await page.waitForFunction((key) => (window as unknown as { stepStatesSeen: Record<string, number> }).stepStatesSeen[key], `${stepId}:done`, { timeout: 60_000 });
      const history = (await server.api('GET', `/api/runs/${runId}/history`, undefined, 200)).json as { events: { type: string; at: string; data?: { nodeId?: string }; nodeId?: string }[] };
      const event = history.events.find((e) => e.type === 'StepCompleted' && (e.nodeId ?? e.data?.nodeId) === stepId);
      if (event === undefined) throw new Error(`no StepCompleted for ${stepId} in run ${runId}`);
      measured.push({ stepId, recordedAt: Date.parse(event.at), shownAt: (await shown.jsonValue()) as number });
    }
    await server.api('POST', `/api/runs/${runId}/cancel`, {}, 200);
    return measured;
  } finally {
    await context.close();
  }
}

/**
 * The page-side watcher, as source text (functions handed to the page must not carry the helpers tsx
 * adds to named functions): `window.stepStatesSeen["s3:done"]` = when the Steps table first showed it.
 */
const STEP_STATES_SCRIPT = `(() => {
  const seen = {};
  window.stepStatesSeen = seen;
  const scan = function () {
    const now = Date.now();
    for (const row of document.querySelectorAll('table[aria-label="Steps"] tbody tr')) {
      const id = row.cells[1] && row.cells[1].children[1] ? row.cells[1].children[1].textContent : '';
      const state = /(todo|now|done|blocked)$/.exec(row.cells[5] ? row.cells[5].textContent : '');
      if (state !== null && seen[id + ':' + state[1]] === undefined) seen[id + ':' + state[1]] = now;
    }
  };
  scan();
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;
