const PLACEHOLDER = /^(?:tbd|tbc|tba|todo|to ?do|fixme|xxx+|n\/a|none|-+|…|\.\.\.|to be (?:defined|determined|completed|confirmed|written|added|decided)|lorem ipsum\b.*|\[[^\]]{0,80}\]|<[^>]{0,80}>|\{[^}]{0,80}\}|(?:describe|insert|enter|add) [^.]{0,60}here|(?:describe|insert|enter|add) (?:the |a |an )?(?:step|procedure|process|description|details|content|text|instructions?)\b[^.]{0,40}|placeholder\b.*|coming soon|content to follow)\.?$/i;

/**
 * Pure; whether a step body is a placeholder: empty, or every line is "TBD", "Lorem ipsum…",
 * "[describe the step]", "<enter …>", "To be defined" and the like.
 */
export function isPlaceholder(text: string): boolean {
  const lines = text.split('\n').map((l) => l.replace(/^[-*•\d.)\s]+/, '').replace(/[*_`]/g, '').trim()).filter(Boolean);
  if (lines.length === 0) return true;
  return lines.every((l) => PLACEHOLDER.test(l) || /^lorem ipsum/i.test(l));
}

/** Whether a title itself is a placeholder ("[Step title]", "TBD"). */
export function isPlaceholderTitle(title: string): boolean {
  return PLACEHOLDER.test(title.trim());
}
