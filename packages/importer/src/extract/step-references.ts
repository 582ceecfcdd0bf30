const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20',
};

/**
 * Pure; writes the other ways of naming a step by its number as "step N": "step #5", "step no. 5",
 * "step four", "Step Four" — so one set of jump patterns reads them all.
 */
export function normalizeStepNumbers(text: string): string {
  return text
    .replace(/\b(steps?)\s*(?:#|no\.?\s*|number\s+)(\d)/gi, '$1 $2')
    .replace(/\b(steps?)\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b/gi, (_, word: string, n: string) => `${word} ${NUMBER_WORDS[n.toLowerCase()]}`);
}

// "Check whether the mailbox is still in the bin", "Ask the user if a copy is needed", "Is the disk full?".
const WHETHER = /\b(?:whether|if)\s+(.{3,160}?)(?:\s+or not)?\s*[.?!]?$/i;
const ASKING = /^(?:check|verify|confirm|see|ask|find out|determine|establish|decide|assess|test|look)\b/i;
const QUESTION = /^((?:is|are|was|were|does|do|did|has|have|can|could|will|should)\s.{3,160}?)\?$/i;

/**
 * Pure; what "If so, …" / "If not, …" answer: the question or the "whether …" of the sentence
 * before ("Check whether the mailbox is in the bin. If so, restore it" → "the mailbox is in the
 * bin"), or `undefined` when the sentence before asks nothing.
 */
export function questionBefore(previous: string | undefined): string | undefined {
  const s = previous?.replace(/\*\*|__/g, '').trim();
  if (!s) return undefined;
  const question = s.match(QUESTION)?.[1];
  if (question) return question.trim();
  const asked = s.match(WHETHER);
  return asked && ASKING.test(s.replace(/^(?:first|then|next),?\s+/i, '')) ? asked[1].trim() : undefined;
}

// "Repeat until the queue is empty", "Repeat this step until …", "Keep repeating until …".
const REPEAT_UNTIL = /\b(?:repeat(?:ing)?|redo|loop)(?:\s+(?:this(?: step)?|it|the (?:above|check|test|step)|these (?:actions|checks)))?\s+until\s+([^,;.]{3,120})/i;

/** Pure; the condition of a loop on the step itself ("Repeat until the message arrives" → "the message arrives"), or `undefined`. */
export function repeatUntil(sentence: string): string | undefined {
  return sentence.match(REPEAT_UNTIL)?.[1]?.trim();
}

// "(optional) Rebuild the index", "Optional: rebuild …", "Optionally, rebuild …"; "Only if the box is over 50 GB, request …".
const OPTIONAL = /^\s*(?:\(optional\)|\[optional\]|optional(?:ly)?\s*[:,—–-])\s*/i;
const ONLY_IF = /^\s*only\s+(?:if|when|where)\s+([^,]{3,160}),\s*/i;

// "If you already have a key, skip this step", "You can skip this section if …", "This step is optional if …", "Only needed if …".
const SKIP_THIS_IF = /\b(?:if|when|where)\s+([^,;]{3,160}?),\s*(?:then\s+)?(?:you (?:can|may|should)\s+)?(?:skip|ignore|omit|bypass) this (?:step|section|part|stage)\b/i;
const SKIP_THIS_TRAILING = /\b(?:skip|ignore|omit|bypass) this (?:step|section|part|stage)(?: entirely)? (if|when|unless)\s+([^,;.]{3,160})/i;
const NOT_NEEDED_IF = /\b(?:this (?:step|section) is )?(?:optional|not (?:needed|required|necessary)|unnecessary) (if|when|unless)\s+([^,;.]{3,160})/i;
const NEEDED_ONLY_IF = /\b(?:this (?:step|section) is )?(?:only )?(?:needed|required|necessary) only (?:if|when|where)\s+([^,;.]{3,160})|\b(?:this (?:step|section) is )?only (?:needed|required|necessary) (?:if|when|where)\s+([^,;.]{3,160})/i;

/** Pure; the condition under which a step says it may be skipped ("Skip this step if you already have a key" → "you already have a key"), or `undefined`. */
export function skipThisWhen(text: string): string | undefined {
  const s = text.replace(/\*\*|__/g, '');
  const lead = s.match(SKIP_THIS_IF);
  if (lead) return lead[1].trim();
  const trailing = s.match(SKIP_THIS_TRAILING) ?? s.match(NOT_NEEDED_IF);
  if (trailing) return /^unless$/i.test(trailing[1]) ? `not (${trailing[2].trim()})` : trailing[2].trim();
  const only = s.match(NEEDED_ONLY_IF);
  return only ? `not (${(only[1] ?? only[2]).trim()})` : undefined;
}

/**
 * Pure; when a step is done only under a condition or only if wanted, the condition under which
 * it is skipped: "Only if the box is over 50 GB, …" → "not (the box is over 50 GB)", "(optional) …"
 * → "not needed"; `undefined` for a step always done.
 */
export function skipCondition(text: string): string | undefined {
  const s = text.replace(/\*\*|__/g, '');
  const only = s.match(ONLY_IF);
  if (only) return `not (${only[1].trim()})`;
  return OPTIONAL.test(s) ? 'not needed' : skipThisWhen(s);
}
