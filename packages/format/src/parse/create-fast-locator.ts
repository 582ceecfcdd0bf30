import type { DocumentPath, SourceLocation } from '../model/diagnostic.js';
import type { Locator } from './create-locator.js';

/** Where each mapping and sequence of a document starts and ends (offsets), keyed by the parsed object. */
export type Spans = WeakMap<object, { start: number; end: number; items?: number[] }>;

/**
 * Records spans while js-yaml composes a document (its `listener` option), so positions cost
 * nothing until asked for. Pass `listener` to js-yaml's load, then `spans` to createFastLocator.
 */
export function createSpanRecorder(text: string): { listener: (event: 'open' | 'close', state: { position: number; result: unknown }) => void; spans: Spans } {
  const spans: Spans = new WeakMap();
  // Parallel stacks (no object per YAML node): where each open node starts, and the starts of its
  // closed children, allocated only for nodes that have children.
  const starts: number[] = [];
  const children: (number[] | undefined)[] = [];
  return {
    spans,
    listener(event, state) {
      if (event === 'open') {
        starts.push(state.position);
        children.push(undefined);
        return;
      }
      if (starts.length === 0) return;
      const start = skipBlank(text, starts.pop()!);
      const items = children.pop();
      const top = children.length - 1;
      if (top >= 0) (children[top] ??= []).push(start);
      const result = state.result;
      if (result !== null && typeof result === 'object' && !spans.has(result)) {
        // A list's children are its items (a mapping's are keys and values, which findKey handles).
        spans.set(result, Array.isArray(result) ? { start, end: state.position, items: items ?? [] } : { start, end: state.position });
      }
    },
  };
}

/**
 * Pure; a Locator over js-yaml spans: objects and lists are placed exactly; a scalar is placed by
 * finding its key inside its parent's span (outside the spans of nested objects). Missing paths
 * fall back to the nearest ancestor, as the yaml-based locator does.
 */
export function createFastLocator(text: string, data: unknown, spans: Spans): Locator {
  let lineStarts: number[] | undefined;
  const toLocation = (offset: number): SourceLocation => {
    lineStarts ??= computeLineStarts(text);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };

  const find = (path: DocumentPath, wantKey: boolean): number => {
    let current: unknown = data;
    let position = data !== null && typeof data === 'object' ? spans.get(data)?.start ?? 0 : 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (current === null || typeof current !== 'object') break;
      const span = spans.get(current);
      if (span) position = span.start;
      const child = (current as Record<string | number, unknown>)[segment];
      if (child === undefined || (Array.isArray(current) && typeof segment !== 'number')) break;
      const childSpan = child !== null && typeof child === 'object' ? spans.get(child) : undefined;
      const isLast = i === path.length - 1;
      if (typeof segment === 'string' && span && (!childSpan || (isLast && wantKey))) {
        const key = findKey(text, current as Record<string, unknown>, segment, span, spans);
        if (key) return isLast && wantKey ? key.key : key.value;
        return position;
      }
      if (!childSpan) return Array.isArray(current) && typeof segment === 'number' ? span?.items?.[segment] ?? position : position;
      position = childSpan.start;
      current = child;
    }
    return position;
  };

  return {
    locate: (path) => toLocation(find(path, false)),
    locateKey: (path) => toLocation(find(path, true)),
  };
}

function findKey(text: string, parent: Record<string, unknown>, key: string, span: { start: number; end: number }, spans: Spans): { key: number; value: number } | undefined {
  const nested = Object.values(parent).flatMap((v) => (v !== null && typeof v === 'object' && spans.has(v) ? [spans.get(v)!] : []));
  const pattern = new RegExp(`(^|[\\s{,?])(["']?)${escapeRegExp(key)}\\2[ \\t]*:(?=[\\s]|$)`, 'gm');
  pattern.lastIndex = span.start > 0 ? span.start - 1 : 0;
  for (let match = pattern.exec(text); match !== null && match.index <= span.end; match = pattern.exec(text)) {
    const at = match.index + match[1].length;
    if (at < span.start || nested.some((n) => at >= n.start && at < n.end)) continue;
    return { key: at, value: skipBlank(text, match.index + match[0].length) };
  }
  return undefined;
}

/** Offset of the first character after spaces, tabs, line breaks and comment lines. */
function skipBlank(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else break;
  }
  return i;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
