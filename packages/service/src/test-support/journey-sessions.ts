import { createJourneyKey, createRateLimiter, recordJourneyEvents, type Workspace } from '@sopflow/service';

/** The fixture's ideal journey: home → pricing → signup → checkout. */
export const SIGNUP_JOURNEY_FILE = new URL('../../../analysis/test-fixtures/journeys/signup.osop', import.meta.url);

/** When the seeded events are sent (their times lie the day before). */
export const JOURNEY_SEED_NOW = new Date('2026-12-02T12:00:00.000Z');

/** Eight sessions of 1 December (one step a minute), plus one of 30 November that --since leaves out; `!` marks the conversion. */
export const JOURNEY_SESSIONS: [string, string[], string?][] = [
  ['sess-h1-0000', ['home', 'Pricing', 'Sign up', 'checkout!']],
  ['sess-h2-0000', ['home', 'pricing', 'blog', 'pricing', 'signup', 'checkout!']],
  ['sess-h3-0000', ['home', 'blog']],
  ['sess-h4-0000', ['home', 'pricing', 'blog', 'pricing']],
  ['sess-h5-0000', ['docs', 'home', 'pricing', 'signup']],
  ['sess-h6-0000', ['pricing', 'signup']],
  ['sess-a1-0000', ['home', 'signup', 'checkout!'], 'shopper-bot'],
  ['sess-a2-0000', ['home', 'pricing', 'signup', 'checkout!'], 'shopper-bot'],
];

/** Sends JOURNEY_SESSIONS (and the one of 30 November) through the collector with a new journey key of the tenant; the key. */
export async function seedJourneySessions(ws: Pick<Workspace, 'store'>, tenant: string): Promise<string> {
  const key = (await createJourneyKey({ store: ws.store, localAdmin: 'test' }, { tenant })).key;
  const limiter = createRateLimiter(600);
  const send = (session: string, day: number, index: number, steps: string[], agent?: string) => recordJourneyEvents({ store: ws.store }, {
    key, limiter, now: JOURNEY_SEED_NOW, ...(agent === undefined ? {} : { agent }),
    body: JSON.stringify({ session, events: steps.map((s, i) => ({ step: s.replace(/!$/, ''), at: Date.UTC(2026, 11, day, 10 + index, i), ...(s.endsWith('!') ? { outcome: 'converted' } : {}) })) }),
  });
  for (const [i, [id, steps, agent]] of JOURNEY_SESSIONS.entries()) await send(id, 1, i, steps, agent);
  await send('sess-old-0000', 0, 0, ['home', 'pricing', 'signup', 'checkout!']);
  return key;
}
