import type { ImportedDecision } from '../import-result.js';
import type { Block, InlineLink } from '../tree/doc-tree.js';
import { readProseConditional } from './prose-conditionals.js';
import { splitSentences } from './sentences.js';
import { normalizeStepNumbers, questionBefore, repeatUntil } from './step-references.js';

/** A sentence of a step with the condition of the list item it sits under ("If any step fails:"). */
export interface StepSentence {
  text: string;
  links: InlineLink[];
  context?: string;
  /** The answer a labelled paragraph gives ("Store: jump to step 3" → "Store"), the condition of its sentences. */
  answer?: string;
}

/** How a reference names its target: a step number, an anchor, the next step, or a title. */
export type StepRef = { kind: 'label'; label: string; anchor?: string } | { kind: 'next' } | { kind: 'title'; title: string } | { kind: 'anchor'; anchor: string; title: string }
  | { kind: 'part'; number: string; title?: string } | { kind: 'self' };

export interface RawBranch {
  when: string;
  target: StepRef | 'end';
}

/** An action a step takes only under a condition, without changing the path ("If the node is cordoned, uncordon it"). */
export interface ConditionalAction {
  when: string;
  action: string;
}

// "start again from step 1", "begin over at step 2", "redo step 3": a restart names its step too.
const JUMP = /\b(?:go(?:es)?|going|continue[sd]?|continuing|proceed(?:s|ed)?|move[sd]?|moving|return(?:s|ed)?|jump(?:s)?|skip(?:s)?|loop(?:s)?|repeat(?:s)?|restart(?:s)?|resume[sd]?|back|(?:start|begin)s?\s+(?:again|over)|redo(?:es)?|re-?run(?:s)?)\b[^.;]{0,30}?\b(?:steps?|section|stage|phase)\s+(\d{1,3}(?:\.\d{1,3})*)/i;
// "move to Phase V, Follow-up", "commence to Phase II: Containment", "return to Part 3": a part of the procedure.
const PART_JUMP = /\b(?:go(?:es)?|proceed(?:s|ed)?|continue[sd]?|move[sd]?|return(?:s|ed)?|jump(?:s)?|skip(?:s)?|commence[sd]?|progress(?:es)?|advance[sd]?|back)\s+(?:on\s+|back\s+|directly\s+)?(?:to|with)\s+(?:the\s+)?(?:part|phase|stage)\s+(\d{1,2}[a-z]?|[IVX]{1,5})\b(?:\s*[,:–—-]\s*([A-Z][\w&/ -]{2,40}?))?\s*(?:[.;,]|$)/i;
const ARROW = /(?:→|->|=>)\s*(?:step\s*)?(\d{1,3}(?:\.\d{1,3})*)\b/i;
// "Go to 4.", "skip to 6", "return to 2 if …": a jump verb straight before a bare step number.
const BARE_JUMP = /\b(?:go(?:es)?|continue[sd]?|proceed(?:s|ed)?|move[sd]?|return(?:s|ed)?|jump(?:s)?|skip(?:s)?|loop(?:s)?(?: back)?|back)\s+(?:back\s+)?(?:on\s+)?(?:to|with|at)\s+(\d{1,3}(?:\.\d{1,3})*)(?=\s*(?:[.,;:)]|$)|\s+(?:and|or|if|otherwise|else|unless|when|below|above)\b)/i;
// "… escalate to the duty manager (step 9)": a parenthesised target, read only under a condition.
const PAREN_TARGET = /\((?:(?:go|continue|proceed|skip|jump|return)\s+(?:to|with)\s+|see\s+|→\s*|->\s*)?step\s+(\d{1,3}(?:\.\d{1,3})*)\)|\b(?:follow|see)\s+(?:step|section)\s+(\d{1,3}(?:\.\d{1,3})*)/i;
// "proceed to the payment step": a step named by what it does.
const NAMED = /\b(?:go|goes|proceed|proceeds|continue|continues|move|moves|return|returns|jump|skip)\s+(?:on\s+|back\s+|directly\s+)?(?:to|with)\s+the\s+([\w -]{3,40}?)\s+(?:step|stage|phase)\b/i;
const NEXT = /\b(?:continue[sd]?|proceed(?:s|ed)?|move[sd]?|go(?:es)?)\b[^.;]{0,20}\bwith the next step\b|\bcontinues with the next step\b|\(next step\)/i;
const TERMINAL = /\b(?:this|which) (?:concludes|ends|completes|closes|finishes|terminates) the (?:process|procedure|workflow)|\bend of (?:the )?(?:process|procedure|workflow)\b|\bthe (?:process|procedure|workflow) (?:ends|is (?:complete|completed|finished|closed|over|terminated))\b|\bclose[sd]? the (?:capa|case|ticket|incident|request|record|issue|change|deviation|complaint|non-?conformit\w*|investigation|work order|order|file)\b|\bstop (?:here|the (?:process|procedure|workflow))\b|\b(?:end|exit|terminate|abort) (?:the|this) (?:process|procedure|workflow)\b|\b(?:the|this) (?:process|procedure|workflow) (?:stops|ends|terminates) here\b|\bno further (?:steps|action) (?:are|is) (?:needed|required|taken)\b|\bno further action is (?:needed|required)\b|\bthe (?:case|ticket|incident|request|record|issue|complaint|investigation|work order|order|file) is (?:closed|complete|completed)\b|\[end\]/i;
// "… at once — clear the room" is no condition; "Should the check fail, …" is one only at the start ("this should be actionable" is not).
const CONDITION = /\b(?:if|when|in case(?: of)?|in the (?:event|case) (?:of|that)|where|unless|(?<!\bat )once|(?<=^\W*)should)\b\s+([^,:;]{3,200})/i;
// "For Windows hosts, go to step 8; for Linux hosts, …": a case named at the start of a clause that jumps.
const FOR_CASE = /^(?:and\s+)?for\s+(?!(?:example|instance|more|further|details|now|this|that|all|each|every|the rest)\b)([^,:;]{3,80}?)\s*[,:]\s*\S/i;
// "Yes, damaged: go to step 5", "Fail → step 2": a short answer label in front of the jump.
const LABELLED = /^(.{1,120}?)\s*(?::|→|->|=>)\s*(?:go|continue|proceed|skip|jump|return|move|loop|back|step|\d)/i;

/** Pure; the sentences of a step's text and body, each with the condition of its parent item. */
export function stepSentences(lead: string, body: Block[]): StepSentence[] {
  const out: StepSentence[] = [];
  for (const s of splitSentences(lead)) out.push({ text: s, links: [] });
  let cases = CASES_INTRO.test(lead);
  const answers = answerLabels(body);
  const visit = (b: Block, context?: string) => {
    if (b.type === 'paragraph') {
      const answer = answers.get(b);
      const text = answer ? b.text.replace(/\*\*|__/g, '').trim().replace(ANSWER_PREFIX, '') : b.text;
      for (const s of splitSentences(text)) out.push({ text: s, links: b.links, context, ...(answer ? { answer } : {}) });
      cases = CASES_INTRO.test(b.text);
      return;
    }
    if (b.type === 'list') {
      const asCases = cases;
      cases = false;
      for (const item of b.items) {
        // "- Yes: you're done." / "- No – go to step 6": an answer is a case wherever it stands.
        const text = asCases || YES_NO.test(item.text) ? caseSentence(item.text) : item.text;
        for (const s of splitSentences(text)) out.push({ text: s, links: item.links, context });
        const cond = item.text.match(CONDITION) ? item.text : context;
        cases = CASES_INTRO.test(item.text);
        for (const child of item.children) visit(child, cond);
      }
    }
    if (b.type === 'table') out.push(...conditionTableSentences(b));
    if (b.type === 'quote') b.children.forEach((c) => visit(c, context));
    cases = false;
  };
  body.forEach((b) => visit(b));
  return out;
}

const ANSWER = /^([A-Z][^:.?!]{0,40}?)\s*:\s+\S/;
const ANSWER_PREFIX = /^[^:]+:\s+/;
const NOT_ANSWER = /^(?:note|notes|tip|warning|caution|important|example|e\.g|i\.e|step \d+|see|source|output|result|expected(?: result)?|purpose|goal)$/i;

/**
 * Paragraphs of a step's body that give one answer each ("Store: jump to step 3", "Web: check the
 * tax first … Proceed to step 4"): two or more side by side, one of them jumping, are the answers
 * to the step's question, and each one's label is the condition of its sentences.
 */
function answerLabels(body: Block[]): Map<Block, string> {
  const found = new Map<Block, string>();
  const paragraphs = body.flatMap((b) => (b.type === 'quote' ? b.children : [b])).filter((b) => b.type === 'paragraph');
  for (const p of paragraphs) {
    const label = p.text.replace(/\*\*|__/g, '').trim().match(ANSWER)?.[1]?.trim();
    if (label && label.split(/\s+/).length <= 4 && !NOT_ANSWER.test(label)) found.set(p, label);
  }
  const jumps = [...found.keys()].some((p) => p.type === 'paragraph' && (JUMP.test(p.text) || BARE_JUMP.test(p.text) || NEXT.test(p.text)));
  return found.size >= 2 && jumps ? found : new Map();
}

// "Depending on the outcome of the review:" / "Based on the result, one of:" — the next list holds cases.
const CASES_INTRO = /(?:\b(?:depending on|based on|according to)\b[^:]{0,80}|\bone of the following\b[^:]{0,40}|\bthe following (?:outcomes|cases|results|answers)\b[^:]{0,40}|\bpossible (?:outcomes|results|answers)\b[^:]{0,40}):\s*$/i;

const YES_NO = /^\s*(?:\*\*|__)?(?:yes|no|y|n)(?:\*\*|__)?\s*(?::|\s[–—-]\s|→|->|=>)\s*\S/i;

/** "Approved: release it" / "**Rejected** – stop" as "If approved, release it"; other items as they are. */
function caseSentence(text: string): string {
  if (/^(?:if|in case|where|should|unless|otherwise|else)\b/i.test(text.trim())) return text;
  const m = text.replace(/\*\*|__/g, '').trim().match(/^(.{1,60}?)\s*(?::|\s[–—-]\s|→|->|=>)\s*(\S.*)$/);
  return m ? `If ${m[1].trim().replace(/^(?:the\s+)?(?:outcome|result|answer) is\s+/i, '')}, ${m[2].charAt(0).toLowerCase()}${m[2].slice(1)}` : text;
}

// "If …" / "When you see …" / "Symptom" over "Then …" / "What to do" / "Solution": a column of cases beside what each one does.
const COND_HEAD = /^(?:if|condition|conditions|when|case|situation|scenario|criteri(?:a|on)|trigger|finding|result|outcome|answer|symptoms?|problem|issue|(?:if|when) (?:you|the|it|a|an|there)\b.{0,40})$/i;
const THEN_HEAD = /^(?:then|action|actions|response|next|next steps?|go ?to|do|what to do(?: next)?|decision|outcome|result|route|routing|solution|resolution|remedy|fix|action to take|then (?:do|you|go)\b.{0,30})$/i;

/** Rows of a table with a condition column and an action/decision column, as "If <cond>, <then>" sentences. */
function conditionTableSentences(table: Extract<Block, { type: 'table' }>): StepSentence[] {
  if (!table.header || table.rows.length < 2) return [];
  const head = table.rows[0].map((c) => c.replace(/[*:]/g, '').trim());
  let cond = head.findIndex((c) => COND_HEAD.test(c));
  const then = head.findIndex((c, i) => i !== cond && THEN_HEAD.test(c));
  if (then < 0) return [];
  if (cond < 0 && /^decision$/i.test(head[then])) cond = then === 0 ? 1 : 0;
  if (cond < 0 || cond >= head.length) return [];
  return table.rows.slice(1).filter((r) => r[cond]?.trim() && r[then]?.trim()).flatMap((r) => {
    const c = r[cond].replace(/<br\s*\/?>/gi, ' ').trim().replace(/^(?:if|when)\s+/i, '').replace(/[.?:]$/, '');
    const t = r[then].replace(/<br\s*\/?>/gi, ' ').trim();
    return [{ text: /^(?:end|stop|done|close)$/i.test(t) ? `If ${c}, stop.` : /^\d{1,3}(?:\.\d{1,3})*$/.test(t) ? `If ${c}, go to step ${t}.` : `If ${c}, ${t.charAt(0).toLowerCase()}${t.slice(1)}`, links: [] }];
  });
}

/**
 * Pure; branches a step's sentences state: "if …, continue with step 2.3", "move back to step 5",
 * "→ step 4", "go to 4", "(step 9)" under a condition, "continues with the next step", "This
 * concludes the process", "end the procedure", "close the CAPA", and
 * "If …, <does what another step is titled>" (resolved by title later).
 */
export function findBranches(sentences: StepSentence[], otherTitles: string[]): RawBranch[] {
  return readStepFlow(sentences, otherTitles).branches;
}

/** Pure; the branches of a step (see findBranches) and the actions it takes only under a condition. */
export function readStepFlow(sentences: StepSentence[], otherTitles: string[]): { branches: RawBranch[]; actions: ConditionalAction[] } {
  const out: RawBranch[] = [];
  const actions: ConditionalAction[] = [];
  // "If yes, go to step 5; otherwise, go to step 7." holds two branches.
  const clauses = sentences.flatMap((s) => normalizeStepNumbers(s.text).split(/;\s+|,\s+(?=(?:otherwise|else|if not)\b)|\s+(?=(?:otherwise|else)\s*,)/i)
    .map((text) => ({ ...s, text: YES_NO.test(text) && !LABELLED.test(text.replace(/\*\*|__/g, '')) ? caseSentence(text) : text })));
  clauses.forEach((s, n) => {
    const when = answeredQuestion(clauses, n, askedBefore(clauses, n) ?? conditionOf(s));
    const part = s.text.match(PART_JUMP);
    if (part) { out.push({ when, target: { kind: 'part', number: partNumber(part[1]), ...(part[2] ? { title: part[2].trim() } : {}) } }); return; }
    const direct = s.text.match(JUMP) ?? s.text.match(ARROW) ?? s.text.match(BARE_JUMP);
    const paren = !direct && when !== 'always' ? s.text.match(PAREN_TARGET) : null;
    let jump = direct ?? paren;
    // "skip steps 4 and 5 and go to step 6": the skipped steps are not the target.
    if (jump && /^skip/i.test(jump[0])) {
      const later = s.text.slice((jump.index ?? 0) + jump[0].length).match(JUMP);
      if (later) jump = later;
    }
    if (jump && jump[1] === undefined && jump[2] !== undefined) jump = [jump[0], jump[2]] as unknown as RegExpMatchArray;
    if (jump && (paren || !/\b(?:see|refer to|described in|outlined in|according to|as per|per)\s+(?:\w+\s+){0,2}(?:steps?|sections?)\s+\d/i.test(s.text.slice(0, (jump.index ?? 0) + jump[0].length)))) {
      const anchor = s.links.find((l) => /step\s*\d/i.test(l.text) && l.href.startsWith('#'))?.href.slice(1);
      out.push({ when, target: { kind: 'label', label: jump[1], ...(anchor ? { anchor } : {}) } });
      return;
    }
    if (NEXT.test(s.text)) { out.push({ when, target: { kind: 'next' } }); return; }
    const named = s.text.match(NAMED);
    const namedTitle = named ? otherTitles.find((t) => { const want = tokens(named[1]); const have = tokens(t); return want.length > 0 && want.every((w) => have.includes(w)); }) : undefined;
    if (namedTitle) { out.push({ when, target: { kind: 'title', title: namedTitle } }); return; }
    const prose = readProseConditional(s.text, s.links, otherTitles);
    const proseWhen = prose && (prose.when === 'otherwise' || /^(?:so|yes)$/i.test(prose.when)) ? when : prose?.when;
    if (prose?.kind === 'branch') { out.push({ when: proseWhen ?? when, target: prose.target }); return; }
    if (TERMINAL.test(s.text)) { out.push({ when, target: 'end' }); return; }
    // "Repeat until the message arrives": a loop on the step itself.
    const until = repeatUntil(s.text);
    if (until) { out.push({ when: `not (${until})`, target: { kind: 'self' } }); return; }
    if (prose?.kind === 'action') { actions.push({ when: proseWhen ?? when, action: prose.action }); return; }
    // A plain instruction under a conditional item ("If the node is cordoned:" → "Uncordon it.").
    if ((s.answer || (s.context && /^(?:if|in case|should|unless|where)\b/i.test(s.context.trim()))) && when !== 'always') actions.push({ when, action: s.text.replace(/[.!]+$/, '') });
  });
  return { branches: out, actions };
}

/** "IV" → "4", "4b" → "4b", "2" → "2". */
export function partNumber(text: string): string {
  const t = text.trim();
  if (!/^[IVX]+$/i.test(t)) return t.toLowerCase();
  const value: Record<string, number> = { i: 1, v: 5, x: 10 };
  const digits = [...t.toLowerCase()].map((c) => value[c]);
  return String(digits.reduce((sum, d, i) => sum + (d < (digits[i + 1] ?? 0) ? -d : d), 0));
}

/** "Did you lose the receipt? Sigh. Proceed to step 5.": a question just before an unconditioned jump is its condition. */
function askedBefore(clauses: StepSentence[], n: number): string | undefined {
  if (conditionOf(clauses[n]) !== 'always') return undefined;
  for (let j = n - 1; j >= 0 && j >= n - 2; j--) {
    const t = clauses[j].text.trim();
    if (/\?$/.test(t)) return t.replace(/\?$/, '');
    if (t.split(/\s+/).length > 2) return undefined;
  }
  return undefined;
}

/** "Check whether X. If so, …" → "X"; "If not, …" → "not (X)"; any other condition as it is. */
function answeredQuestion(clauses: StepSentence[], n: number, when: string): string {
  const answersYes = when === 'yes';
  const answersNo = when === 'otherwise' && /^if (?:not|no)\b/i.test(clauses[n].text.trim());
  if (!answersYes && !answersNo) return when;
  const asked = questionBefore(clauses[n - 1]?.text);
  return asked ? (answersYes ? asked : `not (${asked})`) : when;
}

function conditionOf(s: StepSentence): string {
  // "Otherwise, …", "Else …", "If not, …" — but "If not approved, …" has a condition of its own.
  if (/^(?:otherwise|else|if not\s*[,:]|if not$|if no\s*[,:]|failing (?:that|this)|in (?:all )?other cases)/i.test(s.text.trim())) return 'otherwise';
  if (/^(?:if so|if yes)\b/i.test(s.text.trim())) return s.context?.match(CONDITION)?.[1]?.trim() ?? 'yes';
  const forCase = s.text.match(FOR_CASE)?.[1];
  if (forCase && (JUMP.test(s.text) || ARROW.test(s.text) || BARE_JUMP.test(s.text) || NEXT.test(s.text))) return forCase.trim();
  const unless = /\bunless\b/i.test(s.text.match(CONDITION)?.[0] ?? '');
  const own = s.text.match(CONDITION)?.[1]
    ?.replace(/\s*(?:→|->|=>).*$/, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+(?:then\s+)?(?:go|continue|proceed|skip|jump|return|move|loop)\s+(?:back\s+)?(?:to|with|on to)\s+(?:the next\s+|step\s+|section\s+)?(?:\d|step|section).*$/i, '')
    .trim();
  // The answer right before the arrow: "**Decision:** Is it within spec? **Yes** → step 4" → "Yes".
  const label = own ? undefined : s.text.replace(/\*\*|__/g, '').trim().match(LABELLED)?.[1]?.split(/[?:]\s+|\.\s+/).pop()?.trim();
  const until = s.text.match(/\buntil\s+([^,;.]{3,120})/i)?.[1]?.trim();
  if (!own && !label && until) return `not (${until})`;
  const parent = s.answer ?? s.context?.match(CONDITION)?.[1]?.trim();
  if (label && label.split(/\s+/).length <= 5 && !/^(?:then|next|afterwards|finally|note|step \d+)$/i.test(label)) return [...new Set([parent, label].filter(Boolean))].join('; ').replace(/\*\*/g, '');
  const parts = [parent, own && unless ? `not (${own})` : own].filter((p): p is string => !!p && p.length > 0);
  return parts.length > 0 ? parts.join('; ').replace(/\*\*/g, '') : 'always';
}

const STOP = new Set('a an the of to in on for and or with by at from is are be this that its their it as into per via step steps'.split(' '));

export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter((w) => w.length > 1 && !STOP.has(w)).map(stem);
}

function stem(w: string): string {
  return w.replace(/(ings?|ed|es|s)$/, '').replace(/e$/, '');
}

/** Dedupes branches by target, keeping the first condition; marks loops. */
export function finishDecisions(decisions: ImportedDecision[], self: number): ImportedDecision[] {
  const seen = new Set<string>();
  const out: ImportedDecision[] = [];
  for (const d of decisions) {
    const key = String(d.goto);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(typeof d.goto === 'number' && d.goto <= self ? { ...d, loop: true } : d);
  }
  return out;
}
