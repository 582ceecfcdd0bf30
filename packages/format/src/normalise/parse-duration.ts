const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001, s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400, w: 604800, week: 604800, weeks: 604800,
};

const COMPACT = /^\s*((?:\d+(?:\.\d+)?\s*[a-z]+\s*)+)$/i;
const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/gi;
const ISO = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * Pure; a duration in seconds from a number (seconds), a compact string ("30s", "5m", "2h", "1d",
 * "1h30m", "90 minutes") or ISO-8601 ("PT5M", "P1D"). Undefined when the text is not a duration.
 * @example parseDuration('PT1H30M') // 5400
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const iso = ISO.exec(text);
  if (iso && text.length > 1 && !/T$/i.test(text)) {
    const [, w, d, h, m, s] = iso.map((part) => (part === undefined ? 0 : Number(part)));
    return w * 604800 + d * 86400 + h * 3600 + m * 60 + s;
  }
  if (!COMPACT.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    const factor = UNIT_SECONDS[unit.toLowerCase()];
    if (factor === undefined) return undefined;
    total += Number(amount) * factor;
  }
  return total;
}
