import type { SourceLocation } from '../model/diagnostic.js';

/**
 * Pure; the position of character `offset` of `value`, given where the scalar holding it starts.
 * Works when the scalar is written on one line, plain or quoted, without escapes before the
 * offset; otherwise returns `start` unchanged (never a wrong position).
 */
export function locateInside(text: string | undefined, start: SourceLocation, value: string, offset: number): SourceLocation {
  if (text === undefined || offset <= 0 || offset >= value.length) return start;
  let lineStart = 0;
  for (let line = 1; line < start.line; line++) {
    const next = text.indexOf('\n', lineStart);
    if (next < 0) return start;
    lineStart = next + 1;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  let column = start.column - 1;
  if (line[column] === '"' || line[column] === "'") column++;
  if (line.slice(column, column + offset + 1) !== value.slice(0, offset + 1)) return start;
  return { line: start.line, column: column + offset + 1 };
}
