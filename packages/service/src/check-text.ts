import { printable } from '@sopflow/format';
import { ServiceError } from './service-error.js';

/**
 * Refuses a name a person gave (a workstream, an SOP's title, a tenant) holding a character that
 * format's `printable` strips — a control character or a line break; a tab passes — with
 * invalid_request naming the field. Names reach terminals, logs and other sites' screens.
 */
export function checkName(value: string, field: string): void {
  refuseFirst(value, field, (ch) => printable(ch) !== ch, 'a control character or a line break');
}

/** Refuses free text (a reason) holding a control character other than tab and line breaks (\n, \r\n), as `checkName` does. */
export function checkText(value: string, field: string): void {
  refuseFirst(value.replace(/\r\n/g, '\n'), field, (ch) => ch !== '\n' && printable(ch) !== ch, 'a control character');
}

function refuseFirst(value: string, field: string, bad: (ch: string) => boolean, what: string): void {
  const chars = [...value];
  const at = chars.findIndex(bad);
  if (at === -1) return;
  const code = chars[at]!.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  throw new ServiceError('invalid_request', `${field} holds ${what} (U+${code} at character ${at + 1}); remove it`, { field, reason: 'control_character' });
}
