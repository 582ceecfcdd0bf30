import { stripLeadIn } from './sentences.js';

/**
 * Pure; sentences that read as instructions in prose but are no step of the procedure: where to
 * get help ("Contact the records office at 555 0199", "For more details, see …", "If the login fails, ask in #it-help"), how to fill in a
 * command's placeholder ("Replace the $HOST variable with …"), and standing rules for every future
 * message ("Include the case number in the subject of any e-mail", "… at all times").
 */
export function isProseAside(sentence: string): boolean {
  const s = sentence.trim();
  // "For the following command, replace …": the setting before the instruction says nothing.
  const bare = stripLeadIn(s);
  return HELP_OPENING.test(s) || HELP_WHEN.test(s) || [s, bare].some((t) => HELP_CONTACT.test(t) || SEE_MORE.test(t) || PLACEHOLDER.test(t)) || STANDING_RULE.test(s);
}

const HELP_OPENING = /^(?:if you have (?:any )?(?:questions|problems|issues|trouble|concerns)|if you (?:get|are) stuck|if (?:you are )?in doubt|if you run into (?:any )?(?:problems|issues|trouble)|for (?:more|further|additional) (?:information|details|help|guidance|questions)|for (?:any )?questions)\b/i;

// "If the login fails, ask in #it-help", "When the page does not load, post in the support channel": where to get help when a step goes wrong.
const HELP_WHEN = /^(?:if|when|should)\b[^,]{1,100},\s*(?:please\s+)?(?:ask|post|reach out|ping|get in touch|write|raise it)\b[^.]{0,60}(?:#[\w-]+|\bchannel\b|\bslack\b|\bfor (?:help|support|assistance)\b|\bhelp ?desk\b|\bservice ?desk\b)/i;

// "Contact the IT desk at +44 20 7946 0000", "Email help@example.org with any questions".
const HELP_CONTACT = /^(?:please\s+)?(?:contact|reach out to|e-?mail|call|phone|ask)\b.*(?:\bat\s+(?:\+?\(?\d[\d\s().-]{6,}\d|\S+@\S+)|\bwith (?:any |your )?questions\b|\bif you (?:have|need) (?:any )?(?:questions|help)\b|\bfor (?:more |further )?(?:help|information|details|support)\b)/i;

const SEE_MORE = /^(?:see|refer to|read|check out|visit|consult)\b.{0,120}\bfor (?:more|further|additional|full|detailed|the full)\b/i;

// "Replace the $CONTROLLERPOD variable with …", "Substitute <hostname> with yours".
const PLACEHOLDER = /^(?:replace|substitute|swap)\s+(?:the\s+)?(?:\$\{?\w+\}?|<[^>]+>|`[^`]+`|\S+\s+(?:variable|placeholder))/i;

const STANDING_RULE = /\b(?:in|of|on|for|with|to) (?:any|all|every) (?:future )?(?:e-?mails?|correspondence|communications?|messages?|letters?)\b|\bat all times\b|\bwhenever\b/i;
