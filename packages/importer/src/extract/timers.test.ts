import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { extractTimers, timerSeconds } from './timers.js';

describe('extractTimers', () => {
  const cases: [string, [number, string, boolean, string, string?][]][] = [
    ['You must finish this assessment within 5 working days.', [[5, 'day', true, 'deadline']]],
    ['After 6 calendar days since the NCPs were notified, send a reminder.', [[6, 'day', false, 'reminder']]],
    ['Set a reminder for 11 working days (DATE:A).', [[11, 'day', true, 'reminder', 'DATE:A']]],
    ['If no decision is obtained after 2 months, inform the user.', [[2, 'month', false, 'deadline']]],
    ['At minimum once per year, the QMO reviews all suppliers.', [[1, 'year', false, 'recurrence']]],
    ['Schedule it within 3 calendar days for a SEV-1 and 5 business days for a SEV-2.', [[3, 'day', false, 'deadline'], [5, 'day', true, 'deadline']]],
    ['Post the link about 24 hours before the meeting.', [[24, 'hour', false, 'deadline']]],
    ['Calibrate the scale every 3 months.', [[3, 'month', false, 'recurrence']]],
    ['Check the drip every hour until the bag is empty.', [[1, 'hour', false, 'recurrence']]],
    ['Back up the database every Monday.', [[1, 'week', false, 'recurrence']]],
    ['Empty the trap every working day.', [[1, 'day', false, 'recurrence']]],
    ['Escalate if there is no answer after 48h.', [[48, 'hour', false, 'deadline']]],
    ['The audit covers the last 12 months of records.', []],
    ['Wait 30 seconds before plugging it back in.', [[30, 'second', false, 'deadline']]],
    ['Store the sample at 2–8 °C in fridge 3.', []],
    ['See ISO 13485:2016 section 8.5.2 and step 2.3.', []],
    ['If the purchase is older than 30 days, continue with step 5.', []],
    ['If the outage lasts more than 2 hours, page the duty manager.', []],
    ['Samples older than 3 days are discarded.', []],
    ['Confirm the host is down for more than 5 minutes.', [[5, 'minute', false, 'deadline']]],
    ['Reply no later than 3 working days after receipt.', [[3, 'day', true, 'deadline']]],
    ['The call must take no more than 15 minutes.', [[15, 'minute', false, 'deadline']]],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => {
      const got = extractTimers(text).map((t) => [t.amount, t.unit, t.business, t.kind, ...(t.label ? [t.label] : [])]);
      assert.deepEqual(got, expected);
    });
  }

  it('counts a working day as 7/5 calendar days', () => {
    assert.equal(timerSeconds({ text: '', amount: 5, unit: 'day', business: true, kind: 'deadline' }), 7 * 86400);
    assert.equal(timerSeconds({ text: '', amount: 2, unit: 'hour', business: false, kind: 'deadline' }), 7200);
  });
});
