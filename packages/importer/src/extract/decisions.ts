import type { ImportedDecision } from '../import-result.js';
import type { Block, InlineLink } from '../tree/doc-tree.js';
import { splitSentences } from './sentences.js';

/** A sentence of a step with the condition of the list item it sits under ("If any step fails:"). */
export interface StepSentence {
  text: string;
  links: InlineLink[];
  context?: string;
}

/** How a reference names its target: a step number, an anchor, the next step, or a title. */
export type StepRef = { kind: 'label'; label: string; anchor?: string } | { kind: 'next' } | { kind: 'title'; title: string };

export interface RawBranch {
  when: string;
  target: StepRef | 'end';
}

const JUMP = /\b(?:go(?:es)?|going|continue[sd]?|continuing|proceed(?:s|ed)?|move[sd]?|moving|return(?:s|ed)?|jump(?:s)?|skip(?:s)?|loop(?:s)?|repeat(?:s)?|restart(?:s)?|resume[sd]?|back)\b[^.;]{0,30}?\b(?:steps?|section|stage|phase)\s+(\d{1,3}(?:\.\d{1,3})*)/i;
const ARROW = /(?:→|->|=>)\s*(?:step\s*)?(\d{1,3}(?:\.\d{1,3})*)\b/i;
// "Go to 4.", "skip to 6", "return to 2 if …": a jump verb straight before a bare step number.
const BARE_JUMP = /\b(?:go(?:es)?|continue[sd]?|proceed(?:s|ed)?|move[sd]?|return(?:s|ed)?|jump(?:s)?|skip(?:s)?|loop(?:s)?(?: back)?|back)\s+(?:back\s+)?(?:on\s+)?(?:to|with|at)\s+(\d{1,3}(?:\.\d{1,3})*)(?=\s*(?:[.,;:)]|$)|\s+(?:and|or|if|otherwise|else|unless|when|below|above)\b)/i;
// "… escalate to the duty manager (step 9)": a parenthesised target, read only under a condition.
const PAREN_TARGET = /\((?:(?:go|continue|proceed|skip|jump|return)\s+(?:to|with)\s+|see\s+|→\s*|->\s*)?step\s+(\d{1,3}(?:\.\d{1,3})*)\)|\bfollow\s+(?:step|section)\s+(\d{1,3}(?:\.\d{1,3})*)/i;
// "proceed to the payment step": a step named by what it does.
const NAMED = /\b(?:go|goes|proceed|proceeds|continue|continues|move|moves|return|returns|jump|skip)\s+(?:on\s+|back\s+|directly\s+)?(?:to|with)\s+the\s+([\w -]{3,40}?)\s+(?:step|stage|phase)\b/i;
const NEXT = /\b(?:continue[sd]?|proceed(?:s|ed)?|move[sd]?|go(?:es)?)\b[^.;]{0,20}\bwith the next step\b|\bcontinues with the next step\b|\(next step\)/i;
const TERMINAL = /\b(?:this|which) (?:concludes|ends|completes|closes|finishes|terminates) the (?:process|procedure|workflow)|\bend of (?:the )?(?:process|procedure|workflow)\b|\bthe (?:process|procedure|workflow) (?:ends|is (?:complete|completed|finished|closed|over|terminated))\b|\bclose[sd]? the (?:capa|case|ticket|incident|request|record|issue|change|deviation|complaint|non-?conformit\w*|investigation|work order|order|file)\b|\bstop (?:here|the (?:process|procedure|workflow))\b|\b(?:end|exit|terminate|abort) (?:the|this) (?:process|procedure|workflow)\b|\b(?:the|this) (?:process|procedure|workflow) (?:stops|ends|terminates) here\b|\bno further (?:steps|action) (?:are|is) (?:needed|required|taken)\b|\bno further action is (?:needed|required)\b|\bthe (?:case|ticket|incident|request|record|issue|complaint|investigation|work order|order|file) is (?:closed|complete|completed)\b|\[end\]/i;
const CONDITION = /\b(?:if|when|in case(?: of)?|where|unless|once|should)\b\s+([^,:;]{3,200})/i;
// "Yes, damaged: go to step 5", "Fail → step 2": a short answer label in front of the jump.
const LABELLED = /^(.{1,120}?)\s*(?::|→|->|=>)\s*(?:go|continue|proceed|skip|jump|return|move|loop|back|step|\d)/i;

/** Pure; the sentences of a step's text and body, each with the condition of its parent item. */
export function stepSentences(lead: string, body: Block[]): StepSentence[] {
  const out: StepSentence[] = [];
  for (const s of splitSentences(lead)) out.push({ text: s, links: [] });
  const visit = (b: Block, context?: string) => {
    if (b.type === 'paragraph') for (const s of splitSentences(b.text)) out.push({ text: s, links: b.links, context });
    if (b.type === 'list') {
      for (const item of b.items) {
        for (const s of splitSentences(item.text)) out.push({ text: s, links: item.links, context });
        const cond = item.text.match(CONDITION) ? item.text : context;
        for (const child of item.children) visit(child, cond);
      }
    }
    if (b.type === 'quote') b.children.forEach((c) => visit(c, context));
  };
  body.forEach((b) => visit(b));
  return out;
}

/**
 * Pure; branches a step's sentences state: "if …, continue with step 2.3", "move back to step 5",
 * "→ step 4", "go to 4", "(step 9)" under a condition, "continues with the next step", "This
 * concludes the process", "end the procedure", "close the CAPA", and
 * "If …, <does what another step is titled>" (resolved by title later).
 */
export function findBranches(sentences: StepSentence[], otherTitles: string[]): RawBranch[] {
  const out: RawBranch[] = [];
  // "If yes, go to step 5; otherwise, go to step 7." holds two branches.
  const clauses = sentences.flatMap((s) => s.text.split(/;\s+|,\s+(?=(?:otherwise|else|if not)\b)|\s+(?=(?:otherwise|else)\s*,)/i).map((text) => ({ ...s, text })));
  for (const s of clauses) {
    const when = conditionOf(s);
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
      continue;
    }
    if (NEXT.test(s.text)) { out.push({ when, target: { kind: 'next' } }); continue; }
    const named = s.text.match(NAMED);
    const namedTitle = named ? otherTitles.find((t) => { const want = tokens(named[1]); const have = tokens(t); return want.length > 0 && want.every((w) => have.includes(w)); }) : undefined;
    if (namedTitle) { out.push({ when, target: { kind: 'title', title: namedTitle } }); continue; }
    if (TERMINAL.test(s.text)) { out.push({ when, target: 'end' }); continue; }
    const conditional = s.text.match(/^(?:if|in case|should|where|when)\b[^,]{3,200},\s*(.+)$/i);
    if (conditional) {
      const consequent = tokens(conditional[1]);
      for (const title of otherTitles) {
        const t = tokens(title);
        if (t.length >= 2 && t.filter((w) => consequent.includes(w)).length / t.length >= 0.75) {
          out.push({ when, target: { kind: 'title', title } });
          break;
        }
      }
    }
  }
  return out;
}

function conditionOf(s: StepSentence): string {
  // "Otherwise, …", "Else …", "If not, …" — but "If not approved, …" has a condition of its own.
  if (/^(?:otherwise|else|if not\s*[,:]|if not$|if no\s*[,:]|failing (?:that|this)|in (?:all )?other cases)/i.test(s.text.trim())) return 'otherwise';
  if (/^(?:if so|if yes)\b/i.test(s.text.trim())) return s.context?.match(CONDITION)?.[1]?.trim() ?? 'yes';
  const unless = /\bunless\b/i.test(s.text.match(CONDITION)?.[0] ?? '');
  const own = s.text.match(CONDITION)?.[1]
    ?.replace(/\s*(?:→|->|=>).*$/, '')
    .replace(/\s+(?:then\s+)?(?:go|continue|proceed|skip|jump|return|move|loop)\s+(?:back\s+)?(?:to|with|on to)\s+(?:the next\s+|step\s+|section\s+)?(?:\d|step|section).*$/i, '')
    .trim();
  // The answer right before the arrow: "**Decision:** Is it within spec? **Yes** → step 4" → "Yes".
  const label = own ? undefined : s.text.replace(/\*\*|__/g, '').trim().match(LABELLED)?.[1]?.split(/[?:]\s+|\.\s+/).pop()?.trim();
  const until = s.text.match(/\buntil\s+([^,;.]{3,120})/i)?.[1]?.trim();
  if (!own && !label && until) return `not (${until})`;
  const parent = s.context?.match(CONDITION)?.[1]?.trim();
  if (label && label.split(/\s+/).length <= 5 && !/^(?:then|next|afterwards|finally|note|step \d+)$/i.test(label)) return [parent, label].filter(Boolean).join('; ').replace(/\*\*/g, '');
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
