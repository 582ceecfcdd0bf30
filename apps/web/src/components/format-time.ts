/** Pure; a timestamp as "14:05" today, else "3 Mar 14:05"; "—" for none. */
export function formatWhen(iso: string | null | undefined, now: Date = new Date()): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return time;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
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
