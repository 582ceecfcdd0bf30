import type { InlineLink } from '../tree/doc-tree.js';
import type { StepRef } from './decisions.js';
import { isImperative, roleSubject } from './sentences.js';

/** What a conditional sentence that names no step number says: a branch, or an action inside the step. */
export type ProseConditional =
  | { kind: 'branch'; when: string; target: StepRef | 'end' }
  | { kind: 'action'; when: string; action: string };

// "If X, Y", "If X then Y", "In case (of) X, Y", "Where X, Y", "Unless X, Y", "Whenever X, Y".
const LEADING = /^(if|in case(?: of)?|in the (?:event|case) (?:of|that)|where|when|whenever|unless)\s+(.{3,200}?)(?:\s*,\s*(?:then\s+)?|\s+then\s+)(\S.{2,})$/i;
// "Should the check fail, Y" (inverted condition).
const SHOULD = /^should\s+(.{3,200}?)\s*,\s*(?:then\s+)?(\S.{2,})$/i;
const OTHERWISE = /^(?:otherwise|else|if not|if no|failing (?:that|this)|in (?:all )?other cases|in any other case)\b\s*[,:]?\s*(?:then\s+)?(\S.{2,})$/i;
// "Stop if the backup is older than a day": an end with the condition after it.
const TRAILING_END = /^((?:\w+\s+and\s+)?(?:stop|halt|abort)(?:\s+(?:here|the (?:procedure|process|workflow|release|rollout)))?)\s+(?:if|when|unless)\s+(.{3,200})$/i;

const TERMINAL = /(?:^|\band\s+|\bthen\s+)(?:stop|halt|abort)(?:\s+(?:here|now|there|the (?:procedure|process|workflow|release|rollout|deployment|runbook|checklist)))?\s*[.!]?$|(?:^|\band\s+)close(?:\s+(?:it|the (?:alert|ticket|case|incident|issue|report)))?\s*[.!]?$|\b(?:end|exit|terminate|abandon|abort|cancel) (?:the|this) (?:procedure|process|workflow|runbook|checklist|release)\b|\bdo(?: not|n't) (?:continue|proceed|go (?:any )?further)\b|\bno (?:further|more) (?:action|steps?|work)\b|\byou(?:'re| are) (?:done|finished|all set)\b|(?:^|\b(?:you (?:can|may) ))stop (?:here|now|there)\s*[.!]?$|\byou (?:do(?: not|n't)|won't|will not) need to (?:do anything (?:else|more|further)|go (?:any )?further|continue|follow the rest)\b|\b(?:there is |there's )?no need to (?:continue|go (?:any )?further|do anything (?:else|more))\b|\bskip the rest of (?:this|the) (?:procedure|process|runbook|page|guide|checklist)\b|\bnothing (?:more|else|further) (?:needs to be done|to be done)\b|\bnothing (?:more|else|further) (?:to do|is (?:needed|required))\b|\b(?:the|this) (?:procedure|process|workflow) (?:ends|stops|is (?:over|complete|finished))\b/i;
const NEXT = /^(?:then\s+)?(?:(?:you (?:can|may)\s+)?(?:continue|proceed|carry on|move on|go on|resume)(?:\s+(?:to|with) the (?:next|following) (?:step|section|stage))?(?:\s+(?:as (?:normal|usual)|normally|with the (?:procedure|process)))?|(?:go|move|skip) (?:on )?to the (?:next|following) (?:step|section|stage))\s*[.!]?$/i;
const GO_NAMED = /\b(?:go|goes|skip|jump|proceed|continue|move|return|turn|refer|follow|see|switch)\s+(?:on\s+|back\s+|straight\s+|directly\s+|instead\s+)?(?:to|with)?\s*(?:the\s+)?["“'‘]?([^"”’.;]{3,80}?)["”'’]?\s*(?:section|step|stage|phase|procedure|process|instructions|below|above)?\s*[.!]?$/i;

/**
 * Pure; reads a conditional sentence that names no step number: "If X, stop" / "Should X fail,
 * escalate and stop" → an end; "If X, continue" → the next step; "If X, go to Restoring the
 * backup" or a link to a heading → the step of that title (fuzzy) or anchor; any other consequent
 * → an action inside the step under that condition. `undefined` when the sentence is not conditional.
 */
export function readProseConditional(text: string, links: InlineLink[], otherTitles: string[]): ProseConditional | undefined {
  const s = text.replace(/\*\*|__/g, '').trim();
  let when: string | undefined;
  let consequent: string | undefined;
  const lead = s.match(LEADING);
  const should = s.match(SHOULD);
  const otherwise = s.match(OTHERWISE);
  const trailing = s.match(TRAILING_END);
  // "If not approved, …" / "If no customer is affected, …" / "If nobody answers, …" have conditions of their own.
  if (otherwise && !/^if not?\s+\w+\s+\w/i.test(s)) { when = 'otherwise'; consequent = otherwise[1]; }
  else if (lead) {
    const word = lead[1].toLowerCase();
    const cond = lead[2].trim();
    // "When the form arrives, log it" is a trigger, not a choice: only a negative "when" is one, or a
    // "when" that leaves the path ("When the alarm is a test, stop here" / "…, go to Closing").
    if ((word === 'when' || word === 'whenever') && !/\b(?:not|no|never|cannot|can't|isn't|aren't|doesn't|don't|didn't|fails?|failed|without|unable)\b/i.test(cond)) {
      const out = readProseConditional(`If ${cond}, ${lead[3]}`, links, otherTitles);
      return out?.kind === 'branch' && (out.target === 'end' || out.target.kind === 'title' || out.target.kind === 'anchor') ? out : undefined;
    }
    when = /^unless$/.test(word) ? `not (${cond})` : cond;
    consequent = lead[3];
  } else if (should) { when = should[1].trim(); consequent = should[2]; }
  else if (trailing) return { kind: 'branch', when: trailing[2].replace(/[.!]$/, '').trim(), target: 'end' };
  if (!when || !consequent) return undefined;
  consequent = consequent.replace(/[.!]+$/, '').trim();
  if (TERMINAL.test(consequent)) return { kind: 'branch', when, target: 'end' };
  if (NEXT.test(consequent)) return { kind: 'branch', when, target: { kind: 'next' } };
  // "…, skip to [Grant access](#grant-access)" or a link that is the whole instruction ("…, [create one](#create-an-account) first").
  const anchor = links.find((l) => l.href.startsWith('#') && consequent!.includes(l.text) && (/\b(?:go|skip|jump|proceed|continue|move|return|turn|refer|follow|see|switch)\b/i.test(consequent!) || l.text.length >= consequent!.length / 2));
  if (anchor) return { kind: 'branch', when, target: { kind: 'anchor', anchor: anchor.href.slice(1), title: anchor.text } };
  const named = consequent.match(GO_NAMED)?.[1];
  // Only an instruction or a role acting can name another step by doing what it does; "the controller logs an error" cannot.
  const title = named ? bestTitle(named, otherTitles, 0.6) : acts(consequent) ? bestTitle(consequent, otherTitles, 0.75, 2) : undefined;
  if (title) return { kind: 'branch', when, target: { kind: 'title', title } };
  return { kind: 'action', when, action: consequent.charAt(0).toUpperCase() + consequent.slice(1) };
}

// What a system does when something happens: it reports, it does not act on the procedure.
const REPORTS = /^(?:logs|writes|records|shows|displays|prints|returns|reports|emits|fires|raises|outputs|throws|sends an? (?:alert|error|warning))\b/i;

function acts(sentence: string): boolean {
  if (isImperative(sentence)) return true;
  const subject = roleSubject(sentence);
  return subject !== undefined && !REPORTS.test(sentence.replace(/^(?:the\s+)?/i, '').slice(subject.length).trim().replace(/^(?:then|also|first|now)\s+/i, ''));
}

/** The title the phrase names best: share ≥ `min` of the title's words (and half the phrase's when named). */
export function bestTitle(phrase: string, titles: string[], min: number, minWords = 1): string | undefined {
  const want = words(phrase);
  if (want.length === 0) return undefined;
  let best: { title: string; score: number } | undefined;
  for (const title of titles) {
    const have = words(title);
    if (have.length < minWords) continue;
    const shared = have.filter((w) => want.includes(w)).length;
    const score = shared / have.length;
    if (shared === 0 || score < min || (minWords === 1 && shared / want.length < 0.5)) continue;
    if (!best || score > best.score) best = { title, score };
  }
  return best?.title;
}

const STOP = new Set('a an the of to in on for and or with by at from is are be this that its their it as into per via step steps section then'.split(' '));

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter((w) => w.length > 1 && !STOP.has(w)).map((w) => w.replace(/(ings?|ed|es|s)$/, '').replace(/e$/, '').replace(/([b-df-hj-np-tv-z])\1$/, '$1'));
}
