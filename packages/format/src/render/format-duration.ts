/** Pure; seconds as a short human duration: "45 s", "10 min", "1 h 30 min", "3 d". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 60) return `${round(seconds)} s`;
  const units: [number, string][] = [[86_400, 'd'], [3_600, 'h'], [60, 'min']];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  if (parts.length < 2 && rest > 0 && rest < 60 && seconds < 3_600) parts.push(`${rest} s`);
  return parts.join(' ');
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
