/** Sentence splitting and the "is this an instruction?" test used by the extractors. Pure. */

const VERBS = new Set(`
fetch try avoid clone fork bump kill rename paste expand extend resize reload refresh backport
let login join comment watch subscribe unsubscribe rebase cherry-pick revert cordon uncordon ssh exec grep silence ack reopen reassign mention browse navigate mount unmount detach pause resume upgrade downgrade rotate renew onboard offboard sync rerun retry poll remediate debug troubleshoot toggle reconfigure provision deprovision decommission purge shred ping finish familiarize familiarise
accept acknowledge trigger sweep unpack escort evacuate gather inspect drain activate add adjust agree alert align allocate analyse analyze announce apply appoint approve archive arrange ask
assemble assess assign attach attend audit authorise authorize back backup begin block book brief calculate calibrate call cancel
capture carry categorise categorize change check choose clarify classify clean clear click close collect communicate compare compile
complete comply conduct configure confirm connect consider consult contact contain continue coordinate copy correct count create
cross decide declare define delete deliver deploy describe designate destroy determine develop disable discard disconnect discuss
dispatch dispose distribute do document download draft drain dry edit email enable encrypt ensure enter escalate establish estimate
evaluate examine execute explain export file fill finalise finalize find fix flag follow forward gather generate get give go grant
hand handle harden have hold identify implement import include inform initiate input insert inspect install instruct investigate
invite isolate issue keep label launch leave link list load lock log look maintain make manage map mark measure meet merge mitigate
monitor move name note notify obtain open operate order organise organize pack page pass patch pay perform photograph pick place plan
plug populate post pour prepare present press print prioritise prioritize proceed process produce provide publish pull purchase push
put raise read reboot recap receive recheck reconcile record recover refer register reimage reject release remind remove repair repeat
replace reply report request reset resolve respond restart restore resubmit retain retest return review revise revoke rinse roll route
run save scan schedule score search secure select send separate set share shut sign smoke start stop store submit summarise summarize
supervise switch tag take talk tell terminate test tick track train transfer transmit triage turn uninstall unlock unplug update upload
use validate verify visit wait walk warn wash wear weigh wipe withdraw write
reproduce convert scrap thank countersign diagnose interview quarantine sterilise sterilize decontaminate disinfect admit discharge
transport prescribe administer dispense label reorder refund invoice sample`.split(/\s+/).filter(Boolean));

const ROLE_WORDS = 'designer|architect|scientist|statistician|epidemiologist|radiographer|radiologist|physicist|facilitator|moderator|organiser|organizer|volunteer|intern|candidate|hire|newcomer|buddy|mentee|instructor|tutor|lecturer|treasurer|bookkeeper|president|delegate|nominee|signer|submitter|committer|captain|ambassador|assessor|examiner|evaluator|interviewer|practitioner|postdoc|programmer|curator|archivist|employee|desk|oncall|on-call|employees|manager|officer|owner|lead|leader|team|committee|coordinator|engineer|technician|operator|supervisor|analyst|reviewer|approver|requester|requestor|commander|scribe|administrator|admin|director|head|nurse|physician|doctor|clinician|pharmacist|auditor|inspector|clerk|assistant|specialist|staff|department|board|agent|support|liaison|representative|developer|tester|author|sponsor|champion|secretary|chair|chairperson|controller|accountant|buyer|purchaser|receptionist|driver|handler|responder|implementer|planner|warden|marshal|technologist|clinician|investigator|custodian|steward|user|customer|patient|vendor|supplier|contractor|manufacturer|worker|person|member|partner|applicant|coach|trainer|trainee|student|teacher|caller|dispatcher|guard|advisor|adviser|checker|counsellor|counselor|cashier|paramedic|midwife|therapist|surgeon|porter|signatory|witness|courier|receiver|keeper|librarian|consultant|paralegal|lawyer|attorney|registrar|recruiter|verifier|approvers|host|maintainer|contributor|reporter|referee|expert|researcher|mentor|dri|on-caller|oncaller|sre';
export const ROLE_WORD = new RegExp(`\\b(${ROLE_WORDS})\\b`, 'i');
const ROLE_WORD_END = new RegExp(`^(${ROLE_WORDS})(\\(s\\)|s)?$`, 'i');

/** Splits text into sentences (keeps abbreviations like "e.g." and numbers like "2.3" together). */
export function splitSentences(text: string): string[] {
  const protectedText = text
    .replace(/\b(e\.g|i\.e|etc|vs|cf|approx|incl|no|para|fig|sec|ca)\./gi, (m) => m.replace(/\./g, '\u0000'))
    .replace(/(\d)\.(\d)/g, '$1\u0000$2');
  return protectedText
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(*[])|\n+/)
    .map((s) => s.replace(/\u0000/g, '.').trim())
    .filter((s) => s.length > 0);
}

/** "(The) first thing to do is", "Next is to", "The last step is to", "And (then)": sequence words told as a clause before the instruction. */
const NARRATED_STEP = /^(?:(?:the\s+)?(?:first|next|last|final|second|third)\s+(?:thing|step)(?:\s+(?:to do|you (?:need|have|want) to do|is))?\s+is\s+(?:to\s+)?|(?:next|then|after that)\s+is\s+to\s+|and\s+(?:then\s+)?(?=[a-z]))/i;

/** Removes a lead-in that does not change what the sentence asks for. */
export function stripLeadIn(sentence: string): string {
  let s = sentence.replace(/\*\*/g, '').trim();
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s
      .replace(/^\([^)]{0,80}\)\s*/, '')
      // "First thing to do is add …", "Next is to move …", "The last step is to send …": narrated sequence markers.
      .replace(NARRATED_STEP, '')
      .replace(/^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|finally|lastly|afterwards|after that|subsequently|thereafter|meanwhile|now|also|additionally|optionally|in any case|in addition|however|otherwise|if so|if not)\b,?\s*/i, '')
      .replace(/^[A-Za-z]+ly,\s*/, '')
      .replace(/^(?:if|when|once|after|before|where|unless|in case|as soon as|upon|on|while|during|regardless of)\b[^,]{1,160},\s*(?:then\s+)?/i, '')
      .replace(/^as (?:the |a |an )?[^,]{1,40},\s*/i, '')
      // "To run etcdctl, exec into the pod": the purpose, then the instruction.
      .replace(/^[Tt]o\s+[a-z]+\b[^,]{0,80},\s*(?=[a-z])/, '')
      // "At the start of each shift, read …", "For each sample, add …": a setting, then the instruction.
      // "No more than seven days before the release, inform …": a deadline, then the instruction.
      .replace(/^(?:no|not) (?:more|later|earlier|less) than\s[^,]{1,80},\s*(?=[a-z])/i, '')
      .replace(/^(?:[Aa]t|[Bb]y|[Ff]or|[Ff]rom|[Ww]ithin|[Tt]hroughout|[Ww]ith|[Ii]n|[Ee]very|[Ee]ach)\s[^,]{1,80},\s*(?=[a-z])/, '')
      .replace(/^(?:please|you(?: will|'ll)? (?:must|should|shall|need to|have to|may|can|want to|are able to)|we (?:must|should|need to))\s+/i, '');
    if (s === before) break;
  }
  return s;
}

/** An instruction: starts with a verb in the base form, possibly after a lead-in ("If X, check Y"). */
export function isImperative(sentence: string): boolean {
  const s = withoutManner(stripLeadIn(sentence));
  const first = s.match(/^[A-Za-z]+/)?.[0]?.toLowerCase();
  if (!first) return false;
  // "Be sure both devices are in the same group", "See if the queue drained": a check to make.
  if (/^(?:be sure|see (?:if|whether)|double[- ]check)\b/i.test(s)) return true;
  const second = s.split(/\s+/)[1]?.toLowerCase() ?? '';
  if (!VERBS.has(first)) return looksLikeBareVerb(s, first, second);
  // "Document history", "Record retention", "Review findings include": nouns used as subjects.
  if (/^(is|are|was|were|has|have|include|includes|should|must|will|can|may)$/.test(second)) return false;
  return true;
}

// "Gently place the gel", "Periodically assess the chart", "Manually send the e-mail": a manner or frequency adverb before a known verb.
const MANNER = /^(?!(?:daily|weekly|monthly|yearly|quarterly|hourly|nightly|early|only|family|assembly|supply|apply|reply|rely|friendly|timely|likely|costly|orderly|elderly)\b)[A-Za-z]{2,}ly\s+([a-z]+)\b/i;

function withoutManner(sentence: string): string {
  const m = sentence.match(MANNER);
  return m && VERBS.has(m[1].toLowerCase()) ? sentence.slice(m[0].length - m[1].length) : sentence;
}

const NOT_VERBS = /^(data|information|time|people|staff|everyone|nothing|something|this|that|these|those|there|here|then|now|also|only|when|where|what|which|who|how|why|if|once|after|before|during|while|each|every|all|some|any|no|not|our|your|their|my|his|her|its|one|two|both|either|neither|most|many|more|less|other|such|same|new|old|first|last|next|further|table|figure|total|kit|gel|primer|buffer|water|sample|step|phase|stage|note|warning|tip|example|section|page|part|item|i|we|you|they|he|she|it)$/;

/**
 * A verb outside the lexicon, read from the sentence's shape: "Vortex the supermix", "Spin down the
 * tubes", "Normalise your extracts", "Re-cap all tubes" — a bare word (no -s/-ed/-ing/-ly/-tion …)
 * followed by a determiner or a particle, or an -ise/-ize/-ify verb.
 */
function looksLikeBareVerb(sentence: string, first: string, second: string): boolean {
  const word = sentence.match(/^[A-Za-z][A-Za-z-]*/)?.[0]?.toLowerCase() ?? first;
  if (NOT_VERBS.test(word) || word.length < 3) return false;
  if (/(?<!s)s$|ed$|ing$|ly$|tion$|sion$|ment$|ness$|ity$|ance$|ence$|ous$|ful$|ive$|al$|ic$|ary$|ory$/.test(word)) return false;
  if (/^[a-z]{3,}(ise|ize|ify)$/.test(word) && !/^(is|are|was|were|has|have|of|and|or)$/.test(second)) return true;
  // "Retrieve and test the laptop", "Deactivate and delete the account": joined to a known verb that goes on to its object.
  const words = sentence.split(/\s+/);
  if (second === 'and' && VERBS.has((words[2] ?? '').toLowerCase()) && words.length >= 5) return true;
  return /^(the|a|an|your|all|each|every|it|them|this|these|those|its|their|our|any|both|down|up|out|off|back|away|\d[\w.,]*)$/.test(second);
}

/** A role doing something: "The QMO creates…", "The purchasing employee verifies…", "The IC will run…". */
export function roleSubject(sentence: string): string | undefined {
  const s = stripLeadIn(sentence);
  // "The X is responsible for / accountable for / in charge of …", "It is the X's responsibility to …".
  const responsible = s.match(/^(?:the\s+)?([A-Za-z0-9+&/ -]{2,50}?)\s+(?:is|are)\s+(?:responsible\s+for|accountable\s+for|in charge of)\b/i)
    ?? s.match(/^it is (?:the |your |our )?([A-Za-z0-9+&/ -]{2,50}?)['’]s? (?:responsibility|job|duty|role|task) to\b/i);
  if (responsible && isRoleName(responsible[1])) return responsible[1].trim();
  // "The person discovering the issue, the reporter, reports it": the role named between commas acts.
  const apposed = s.match(/^(?:the|a|an)\s[^,]{2,60},\s*((?:the|a|an)\s[^,]{2,40}),\s*(\S.*)$/i);
  if (apposed && isRoleName(apposed[1].replace(/^(?:the|a|an)\s+/i, '')) && roleSubject(`${apposed[1]} ${apposed[2]}`)) return apposed[1].replace(/^(?:the|a|an)\s+/i, '');
  const words = s.split(/\s+/);
  const article = /^(the|a|an|each|every|any|your|our|their)$/i.test(words[0] ?? '') ? 1 : 0;
  for (let k = article + 1; k <= Math.min(words.length - 1, article + 6); k++) {
    const subject = words.slice(article, k).join(' ').replace(/[,;:]$/, '');
    if (!article && !/^[A-Z0-9+]/.test(subject)) return undefined;
    // "Check: Users can reset …": a label, not a subject.
    if (/[,–—:]/.test(subject) || !isRoleName(subject)) continue;
    // "Shift supervisor signs …" (sentence case, no article) only with a known verb in the -s form.
    const sentenceCase = !article && !subject.split(/\s+/).every((w) => /^[A-Z0-9+]/.test(w));
    let j = k;
    if (/^(will|shall|must|should|may|can)$/i.test(words[j] ?? '')) j++;
    // "The data steward needs to check …", "The lead has to sign …": an obligation, as "must".
    else if (/^(needs?|has|have)$/i.test(words[j] ?? '') && /^to$/i.test(words[j + 1] ?? '')) j += 2;
    // "The CTO is to notify …": an obligation, as "shall".
    else if (/^(is|are)$/i.test(words[j] ?? '') && /^to$/i.test(words[j + 1] ?? '')) j += 2;
    if (/^(then|also|first|always|now|immediately|[a-z]{3,}ly)$/i.test(words[j] ?? '') && !/^(apply|supply|reply|rely)$/i.test(words[j] ?? '')) j++;
    const verb = (words[j] ?? '').toLowerCase().replace(/[^a-z]/g, '');
    if (!verb || NOT_ACTIONS.test(verb)) continue;
    // "The PCR products already contain dye": the -s word is a noun when a verb follows it.
    if (NOUN_BEFORE_VERB.test(words[j + 1] ?? '')) continue;
    // "the MCC logs the following error": a system reporting, not someone acting.
    if (isSystemReport(verb, words.slice(j + 1, j + 6).join(' '))) return undefined;
    const modal = j > k && /^(will|shall|must|should|may|can|is|are|needs?|has|have)$/i.test(words[k]);
    if (/^(is|are)$/i.test(words[k]) && j === k + 2 && /^[a-z]{2,}$/.test(words[j])) return subject;
    // "A volunteer must proofread …", "The new hire will shadow …": after a role and an obligation, any bare word acts.
    if (modal && article && /^(will|shall|must|should|needs?|has|have)$/i.test(words[k]) && /^[a-z]{3,}$/.test(words[j] ?? '')) return subject;
    const plural = /s$/i.test(subject) && !/ss$/i.test(subject);
    if (sentenceCase) {
      if (!modal && /[^s]s$/.test(verb) && knownVerb(verb)) return subject;
      continue;
    }
    // "The Quality Engineer scraps …" / "Service Desk Analyst converts …": after an article or a
    // capitalised role name, any lower-case verb in the -s form acts.
    if (!article && !modal && k - article >= 2 && /^[a-z]{3,}[^su]s$/.test(words[j] ?? '') && !/(?:ies|ness|ions|ments)$/.test(verb)) return subject;
    if (article && !modal && /^[a-z]{3,}[^su]s$/.test(verb) && !/^(?:this|thus|always|perhaps|across|bus|gas)$/.test(verb)) return subject;
    if (modal || /(s|ed)$/.test(verb) ? VERBS.has(verb.replace(/(es|s|ed)$/, '')) || VERBS.has(verb.replace(/(s|d)$/, '')) || VERBS.has(verb.replace(/ie[sd]$/, 'y')) || VERBS.has(verb) : plural && VERBS.has(verb)) return subject;
  }
  return undefined;
}

const NOUN_BEFORE_VERB = /^(?:are|were|have|had|do|did|can|could|would|already|still|usually|often|contain|include)$/i;

function isSystemReport(verb: string, object: string): boolean {
  if (/^(?:logs|emits|prints|outputs|throws)$/.test(verb)) return /^(?:the following|an? |this )?(?:\S+ )?(?:error|warning|message|log|entry|event|exception|line)/i.test(object) || /^the following\b/i.test(object);
  return /^(?:records|reports|shows|displays|returns|raises)$/.test(verb) && /^(?:the following |an? |this )?(?:\S+ )?(?:error|warning|log entry|log message|exception)\b/i.test(object);
}

function knownVerb(verb: string): boolean {
  return VERBS.has(verb.replace(/(es|s)$/, '')) || VERBS.has(verb.replace(/s$/, '')) || VERBS.has(verb.replace(/ies$/, 'y'));
}

// "The on-call engineer becomes the incident commander": a change of role, not an action.
const NOT_ACTIONS = /^(is|are|was|were|has|have|does|be|not|becomes|remains|stays|seems|appears|provides|describes|contains|includes|covers|defines|explains|applies|lists|outlines|specifies|summarises|summarizes|refers|means|represents|comes|needs|requires|follows|consists|depends|allows|exists)$/;

/** An acronym (QMO, IC, 1+MG DAC) or a noun phrase ending in a role word (purchasing employee). */
export function isRoleName(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 60) return false;
  const words = t.split(/\s+/);
  if (words.length > 6) return false;
  if (/^(it|this|that|these|those|they|we|you|he|she|process|procedure|step|result|system|document|application|request|list|order|supplier evaluation|sop)$/i.test(t)) return false;
  // "expectation is that the original author": a clause, not a name.
  if (words.length > 1 && words.slice(0, -1).some((w) => /^(?:is|are|was|were|be|been|that|which|who|whom|whose|if|when|because|than)$/i.test(w))) return false;
  if (/^[A-Z0-9+&/-]*[A-Z]{2,}[A-Z0-9+&/-]*(\s+[A-Z0-9+&/-]*[A-Z]{2,}[A-Z0-9+&/-]*)*$/.test(t) && words.length <= 3 && words.every((w) => w.replace(/[^A-Za-z]/g, '').length <= 5)) return !/^(SOP|SOPS|PDF|ISO|IT|URL|IP|TBD|N\/A|OR|AND|NOTE|FAQ|API)$/.test(t);
  // "Nurse in Charge", "Engineer on Call": a role with a duty attached.
  const duty = t.match(/^(.+?)\s+(?:in charge|on (?:call|duty))$/i);
  if (duty && duty[1].split(/\s+/).length <= 3) return ROLE_WORD_END.test(duty[1].split(/\s+/).pop()!);
  return ROLE_WORD_END.test(words[words.length - 1]);
}

/** Any sentence that asks someone to act: imperative, a role doing something, or "X must be done". */
export function isActionable(sentence: string): boolean {
  if (isImperative(sentence)) return true;
  if (roleSubject(sentence)) return true;
  return /\b(must|shall|should|has to|have to|needs? to)\s+(be\s+)?[a-z]+(ed|en)?\b/i.test(sentence) && /\b(must|shall|has to|have to|needs? to)\b/i.test(sentence);
}
