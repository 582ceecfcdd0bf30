import type { ImportedTimer, TimerKind, TimerUnit } from '../import-result.js';
import { splitSentences } from './sentences.js';

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, 'twenty-four': 24, 'forty-eight': 48,
};

const AMOUNT = `(\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).filter((w) => w.length > 2).join('|')})`;
const DURATION = new RegExp(
  `\\b(?:(within|in|after|before|by|for|at least|at most|no later than|not later than|no more than|not more than|no longer than|not longer than|up to|every|each|over)\\s+(?:the\\s+(?:next|first)\\s+)?)?${AMOUNT}[\\s-]*(working|business|calendar|work)?[\\s-]*(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\\b(\\s+(?:before|after|prior to|of|from|since)\\b)?`,
  'gi',
);
const RECURRENCE = /\b(yearly|annually|annual|monthly|weekly|daily|quarterly|hourly|(?:every|each) (?:year|month|week|day|quarter|hour|minute|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|working day|business day)|once (?:a|per|each|every) (year|month|week|day|quarter)|at (?:least|minimum) once (?:a|per) (year|month|week|day|quarter))\b/gi;

const COMPARISON = /\b(?:older|younger|newer|more|less|fewer|greater|longer|shorter|earlier|later|over|under)\s+than\s+$|\b(?:over|under|above|below|exceeds?|exceeding)\s+$/i;
const AGE = /\b(?:older|younger|newer)\s+than\s+$/i;
const CONDITIONAL = /\b(?:if|unless|whether|in case|where|when|should)\b[^,;:]*$/i;

const UNITS: Record<string, TimerUnit> = {
  second: 'second', sec: 'second', minute: 'minute', min: 'minute', hour: 'hour', hr: 'hour', h: 'hour', day: 'day', week: 'week', month: 'month', year: 'year', quarter: 'month',
};

/** Pure; finds deadlines, reminders and recurrences in a text ("within 5 working days", "yearly"). */
export function extractTimers(text: string): ImportedTimer[] {
  const out: ImportedTimer[] = [];
  for (const sentence of splitSentences(text)) {
    const label = sentence.match(/\bDATE:\s?([A-Z0-9]+)\b/)?.[0]?.replace(/\s/g, '');
    for (const m of sentence.matchAll(DURATION)) {
      const [whole, prep, amountText, qualifier, unitText, trailer] = m;
      // "older than 30 days", "if it lasts more than 2 hours" compare an age or a length inside a
      // condition; they are not deadlines ("unreachable for more than 5 minutes" still waits).
      const before = sentence.slice(0, m.index);
      // "the last 12 months", "the past 2 years": a period looked back on, not a deadline.
      if (!prep && /\b(?:the|in the|over the|during the)\s+(?:last|past|previous|preceding)\s+$/i.test(before)) continue;
      const compared = !prep && COMPARISON.test(before);
      if (compared && (AGE.test(before) || CONDITIONAL.test(before))) continue;
      const amount = Number.isNaN(Number(amountText.replace(',', '.'))) ? NUMBER_WORDS[amountText.toLowerCase()] : Number(amountText.replace(',', '.'));
      if (amount === undefined || amount <= 0 || amount > 1000) continue;
      if (!prep && !compared && !qualifier && !trailer && !/\b(deadline|due|remind|reminder|sla|timeout|time limit|last|takes?|wait|allow|leave)\b/i.test(sentence)) continue;
      const unit = UNITS[unitText.toLowerCase().replace(/s$/, '')];
      if (!unit) continue;
      const kind: TimerKind = /^(every|each)$/i.test(prep ?? '') ? 'recurrence' : /remind/i.test(sentence) ? 'reminder' : 'deadline';
      const timer: ImportedTimer = { text: (trailer ? whole.slice(0, whole.length - trailer.length) : whole).trim(), amount, unit, business: /working|business|work/i.test(qualifier ?? ''), kind };
      if (label && kind !== 'recurrence') timer.label = label;
      out.push(timer);
    }
    for (const m of sentence.matchAll(RECURRENCE)) {
      const word = (m[2] ?? m[3] ?? m[1]).toLowerCase();
      const unit: TimerUnit = /day$/.test(word) && !/^(?:day|weekday|working day|business day)$/.test(word.replace(/^(?:every|each) /, '')) ? 'week' : /year|annual/.test(word) ? 'year' : /quarter/.test(word) ? 'month' : /month/.test(word) ? 'month' : /week/.test(word) ? 'week' : /hour/.test(word) ? 'hour' : /minute/.test(word) ? 'minute' : 'day';
      out.push({ text: m[0], amount: /quarter/.test(word) ? 3 : 1, unit, business: false, kind: 'recurrence' });
    }
  }
  return dedupe(out);
}

function dedupe(timers: ImportedTimer[]): ImportedTimer[] {
  const seen = new Set<string>();
  return timers.filter((t) => {
    const key = `${t.amount}|${t.unit}|${t.business}|${t.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SECONDS: Record<TimerUnit, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2592000, year: 31536000 };

/** Calendar seconds for a timer; a working day counts as 7/5 calendar days (weekends). */
export function timerSeconds(timer: ImportedTimer): number {
  const base = timer.amount * SECONDS[timer.unit];
  return Math.round(timer.business && timer.unit === 'day' ? (base * 7) / 5 : base);
}
