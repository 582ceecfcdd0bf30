/** Formats for people: times, durations and every figure the pages show (numbers, money, shares). */

// Made once: `toLocaleString` with options builds a new Intl formatter on every call (≈ 0.2 ms each, a library of 500 rows calls it 1,000 times).
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const DAY_OF_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const FULL = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
const WHOLE_OR_FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Pure; a timestamp for people (in the browser's time zone): "today 14:05", "yesterday 09:30", "3 Mar 14:05", "3 Mar 2025 14:05" in another year; "—" for none. */
export function formatWhen(iso: string | null | undefined, now: Date = new Date()): string {
  const d = parseWhen(iso);
  if (d === undefined) return '—';
  const time = TIME.format(d);
  const days = dayNumber(now) - dayNumber(d);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `yesterday ${time}`;
  return `${(d.getFullYear() === now.getFullYear() ? DAY : DAY_OF_YEAR).format(d)} ${time}`;
}

/** Pure; the whole timestamp with its zone, for a `title` ("Mon, 3 Mar 2026, 14:05:09 CET"); "—" for none. */
export function formatWhenFull(iso: string | null | undefined): string {
  const d = parseWhen(iso);
  return d === undefined ? '—' : FULL.format(d);
}

function parseWhen(iso: string | null | undefined): Date | undefined {
  if (iso === null || iso === undefined) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

// Whole local days since the epoch, so "yesterday" holds across months, years and daylight-saving changes.
function dayNumber(d: Date): number {
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}

/** Pure; the time between two timestamps in words ("850 ms", "12 s", "3 min 5 s", "2 h 4 min"); "—" when either is missing. */
export function formatDuration(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  if (fromIso === null || fromIso === undefined || toIso === null || toIso === undefined) return '—';
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

// Figures: every page formats numbers, money, shares and amounts of time through these.

/** Pure; a number to `digits` significant digits (whole numbers kept whole) with thousands separators: "1,234", "21.4", "0.125"; "—" for none. */
export function formatNumber(value: number | undefined, digits = 3): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.abs(value) >= 10 ** digits ? Math.round(value) : Number(value.toPrecision(digits));
  return WHOLE_OR_FRACTION.format(rounded);
}

/** Pure; money with two decimals and thousands separators ("1,234.50", "-9.98"), its currency after it when known ("1,234.50 USD"); "—" when the value could not be estimated. */
export function formatMoney(value: number | undefined, currency: string | null = null): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return currency === null ? MONEY.format(value) : `${MONEY.format(value)} ${currency}`;
}

/** Pure; a share 0..1 as a whole percentage ("83 %"); "—" for none. */
export function formatPercent(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)} %`;
}

/** Pure; a p-value as "p = 0.04" or "p < 0.001", and whether it is significant at 5 %. */
export function formatPValue(p: number): { text: string; significant: boolean } {
  const text = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
  return { text, significant: p < 0.05 };
}

/** Pure; an amount of time given in hours, in the unit that reads best: "45 s", "12 min", "1.5 h", "3.2 days"; "—" for none. */
export function formatHours(hours: number | undefined): string {
  if (hours === undefined || !Number.isFinite(hours) || hours < 0) return '—';
  const seconds = hours * 3600;
  if (seconds < 1) return `${formatNumber(seconds * 1000, 2)} ms`;
  if (seconds < 60) return `${formatNumber(seconds, 2)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (hours < 48) return `${formatNumber(hours, 2)} h`;
  return `${formatNumber(hours / 24, 2)} days`;
}

/**
 * Pure; a figure in its unit as people read it: hours as time ("12 min / execution"), shares as
 * percentages, money units ("USD/hour") with two decimals, anything else to three significant digits.
 */
export function formatQuantity(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const per = unit.includes('/') ? unit.slice(unit.indexOf('/') + 1) : undefined;
  const head = per === undefined ? unit : unit.slice(0, unit.indexOf('/'));
  if (head === 'hours') return `${formatHours(value)}${per === undefined ? '' : ` / ${per}`}`;
  if (unit === 'share') return formatPercent(value);
  if (/^[A-Z]{3}$/.test(head)) return `${formatMoney(value)} ${unit}`;
  return `${formatNumber(value)} ${unit}`;
}
