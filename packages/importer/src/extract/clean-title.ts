/**
 * Pure; a step title as a reviewer wants it: no "Step N" / "Phase 2:" / "2.3" prefix, no
 * markdown emphasis, no trailing colon or full stop, at most ~100 characters cut at a word.
 */
export function cleanTitle(text: string): string {
  let t = text.replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t
      .replace(/^(?:step|phase|stage|task)\s*#?\s*\d+[a-z]?\s*(?:[:.)\-–—]\s*|\s+)/i, '')
      .replace(/^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+(?=\S)/, '')
      .replace(/^[a-z][.)]\s+/i, '')
      .trim();
    if (t === before) break;
  }
  t = t.replace(/[\s:;,.]+$/, '');
  if (/[A-Z]{3}/.test(t) && t === t.toUpperCase()) t = t.toLowerCase();
  if (t.length > 100) {
    const cut = t.slice(0, 100);
    t = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
  }
  return t.length > 0 ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}
