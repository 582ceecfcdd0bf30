import { describe, expect, it } from 'vitest';
import { formatDuration, formatHours, formatWhen, formatWhenFull, formatMoney, formatNumber, formatPercent, formatQuantity } from './format-time';

describe('formatWhen and formatWhenFull', () => {
  // Local times, so the test holds in any time zone.
  const now = new Date(2026, 2, 3, 15, 30);
  it('says today and yesterday in words, the day and month on another day, and the year when it is not this one', () => {
    expect(formatWhen(new Date(2026, 2, 3, 14, 5).toISOString(), now)).toBe('today 14:05');
    expect(formatWhen(new Date(2026, 2, 2, 23, 59).toISOString(), now)).toBe('yesterday 23:59');
    expect(formatWhen(new Date(2025, 11, 31, 8, 0).toISOString(), new Date(2026, 0, 1, 0, 1))).toBe('yesterday 08:00');
    expect(formatWhen(new Date(2026, 2, 1, 9, 7).toISOString(), now)).toBe('1 Mar 09:07');
    expect(formatWhen(new Date(2025, 2, 3, 14, 5).toISOString(), now)).toBe('3 Mar 2025 14:05');
  });
  it('gives the same day and time as toLocaleDateString and toLocaleTimeString', () => {
    const d = new Date(2026, 10, 23, 0, 59);
    expect(formatWhen(d.toISOString(), now)).toBe(`${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`);
  });
  it('gives the whole timestamp with weekday, year, seconds and zone for a title', () => {
    const d = new Date(2026, 2, 3, 14, 5, 9);
    const full = formatWhenFull(d.toISOString());
    expect(full).toBe(d.toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' }));
    expect(full).toMatch(/^Tue, 3 Mar 2026, 14:05:09 \S+/);
  });
  it('shows a dash for no timestamp or one that is not a date', () => {
    expect(formatWhen(null, now)).toBe('—');
    expect(formatWhen('yesterday-ish', now)).toBe('—');
    expect(formatWhenFull(undefined)).toBe('—');
    expect(formatWhenFull('soon')).toBe('—');
  });
});

describe('formatDuration', () => {
  it('says milliseconds, seconds, minutes and hours in words', () => {
    expect(formatDuration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.850Z')).toBe('850 ms');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:00:12Z')).toBe('12 s');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:03:05Z')).toBe('3 min 5 s');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T02:04:00Z')).toBe('2 h 4 min');
  });
  it('shows a dash when a timestamp is missing or the order is reversed', () => {
    expect(formatDuration(null, '2026-01-01T00:00:00Z')).toBe('—');
    expect(formatDuration('2026-01-01T00:00:10Z', '2026-01-01T00:00:00Z')).toBe('—');
  });
});

describe('formatHours', () => {
  it('picks the unit that reads best: seconds, minutes, hours, days', () => {
    expect(formatHours(0.0000022222222)).toBe('8 ms');
    expect(formatHours(45 / 3600)).toBe('45 s');
    expect(formatHours(0.2)).toBe('12 min');
    expect(formatHours(0.36666666666666664)).toBe('22 min');
    expect(formatHours(1.5)).toBe('1.5 h');
    expect(formatHours(4.729166)).toBe('4.7 h');
    expect(formatHours(80)).toBe('3.3 days');
  });
  it('shows a dash for no figure or a negative one', () => {
    expect(formatHours(undefined)).toBe('—');
    expect(formatHours(-1)).toBe('—');
  });
});

describe('formatNumber and formatMoney', () => {
  it('rounds to three significant digits with thousands separators, whole numbers kept whole', () => {
    expect(formatNumber(21.35872684647645)).toBe('21.4');
    expect(formatNumber(0.7735463743160095)).toBe('0.774');
    expect(formatNumber(123456.7)).toBe('123,457');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
  it('writes money with two decimals and thousands separators', () => {
    expect(formatMoney(241.5)).toBe('241.50');
    expect(formatMoney(1234567.891)).toBe('1,234,567.89');
    expect(formatMoney(-9.98)).toBe('-9.98');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney(241.5, 'EUR')).toBe('241.50 EUR');
    expect(formatMoney(undefined, 'EUR')).toBe('—');
  });
  it('writes shares as whole percentages', () => {
    expect(formatPercent(0.7735)).toBe('77 %');
  });
});

describe('formatQuantity', () => {
  it('humanises an assumption in its unit', () => {
    expect(formatQuantity(0.36666666666666664, 'hours/execution')).toBe('22 min / execution');
    expect(formatQuantity(0.0000022222222222222222, 'hours/execution')).toBe('8 ms / execution');
    expect(formatQuantity(0.7735463743160095, 'share')).toBe('77 %');
    expect(formatQuantity(50, 'USD/hour')).toBe('50.00 USD/hour');
    expect(formatQuantity(21.35872684647645, 'executions/month')).toBe('21.4 executions/month');
    expect(formatQuantity(Number.NaN, 'share')).toBe('—');
  });
});
