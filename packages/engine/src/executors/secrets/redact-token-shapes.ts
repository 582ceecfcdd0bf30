/** The text every redaction puts in place of a secret. */
export const REDACTED = '[REDACTED]';

/** Shapes of well-known credentials, redacted even when their value is not a known secret. */
const TOKEN_SHAPES: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/** Pure; replaces common token shapes (API keys, GitHub/Slack/AWS tokens, JWTs, private keys) and Authorization credentials. */
export function redactTokenShapes(text: string): string {
  let result = text;
  for (const shape of TOKEN_SHAPES) result = result.replace(shape, REDACTED);
  // Credentials after an Authorization header name, whatever their length; a bare `Bearer x`
  // only when x is long enough to be a token (so prose like "Basic settings" stays).
  return result
    .replace(/(authorization["']?\s*[:=]\s*["']?)(Bearer|Basic|Token)\s+(?!\[REDACTED\])[^\s"',;]{4,}/gi, `$1$2 ${REDACTED}`)
    .replace(/\bBearer\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{16,}/g, `Bearer ${REDACTED}`);
}
