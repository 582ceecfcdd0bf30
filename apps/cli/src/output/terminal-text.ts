import { printable } from '@sopflow/format';

/** Pure; `text` line by line without control characters: what another site or hub wrote cannot move the cursor, retitle or recolour the terminal. */
export function terminalText(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
