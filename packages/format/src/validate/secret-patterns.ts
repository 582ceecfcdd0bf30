/** Well-known credential shapes, each with a name for messages (never the value). */
const TOKEN_SHAPES: readonly { name: string; pattern: RegExp }[] = [
  { name: 'an OpenAI/Anthropic API key', pattern: /\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{20,}/ },
  { name: 'a Stripe secret key', pattern: /\b[rs]k_live_[0-9a-zA-Z]{16,}/ },
  { name: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { name: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { name: 'a bearer token', pattern: /\bBearer\s+(?![$<{])[A-Za-z0-9._~+/-]{16,}=*/ },
  { name: 'a password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@${}]+:[^/\s@${}<]+@/i },
];

/** Key names whose values are credentials (`api_key`, `X-Api-Key`, `db_password`, `Authorization`, ...). */
const SECRET_KEY = /(?:^|[^a-z])(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|authorization|auth[_-]?token|credential|signing[_-]?key)$/i;

const REFERENCE = /\$\{|\{\{|^\$[A-Za-z_]|^(?:env|secret|secrets|vault):/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
const PLACEHOLDER = /^<.*>$|^\*+$|^x{3,}$|^\.+$|your[-_ ]|example|placeholder|changeme|change[-_]me|redacted|dummy|sample|todo|tbd/i;

/** Pure; the kind of well-known token `text` contains, or undefined. */
export function knownTokenShape(text: string): string | undefined {
  if (text.length < 16) return undefined;
  for (const { name, pattern } of TOKEN_SHAPES) {
    const match = pattern.exec(text);
    if (match !== null && !REFERENCE.test(match[0])) return name;
  }
  return undefined;
}

/** Pure; whether `key` names a credential. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Pure; whether a value under a credential key is written out literally (not `${env.X}`, not a placeholder, not an env var name). */
export function isLiteralSecret(value: string): boolean {
  let v = value.trim();
  const scheme = /^(?:bearer|basic|token)\s+/i.exec(v);
  if (scheme !== null) v = v.slice(scheme[0].length).trim();
  if (v.length < 6 || /\s/.test(v)) return false;
  if (REFERENCE.test(v) || v.includes('${') || ENV_NAME.test(v) || PLACEHOLDER.test(v)) return false;
  return true;
}
