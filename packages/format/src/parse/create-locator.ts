import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { DocumentPath, SourceLocation } from '../model/diagnostic.js';

export interface Locator {
  /** Position of the value at `path`; falls back to the nearest ancestor with a position. */
  locate(path: DocumentPath): SourceLocation;
  /** Position of the key that holds `path` (its value for sequence items); same fallback. */
  locateKey(path: DocumentPath): SourceLocation;
}

interface Step {
  value: unknown;
  key?: unknown;
}

/** Pure; maps document paths to 1-based line:column using the yaml AST and a LineCounter. */
export function createLocator(doc: Document, lineCounter: LineCounter): Locator {
  const position = (node: unknown): SourceLocation | undefined => {
    const range = (node as Node | null | undefined)?.range;
    if (!range) return undefined;
    const { line, col } = lineCounter.linePos(range[0]);
    return { line, column: col };
  };

  const walk = (path: DocumentPath): Step[] => {
    const steps: Step[] = [{ value: doc.contents }];
    let current: unknown = doc.contents;
    for (const segment of path) {
      if (isMap(current)) {
        const pair = current.items.find((p) => isPair(p) && keyEquals(p.key, segment));
        if (!pair) break;
        steps.push({ value: pair.value, key: pair.key });
        current = pair.value;
      } else if (isSeq(current) && typeof segment === 'number') {
        const item = current.items[segment];
        if (item === undefined) break;
        steps.push({ value: item });
        current = item;
      } else break;
    }
    return steps;
  };

  const fallback = (steps: Step[], preferKey: boolean): SourceLocation => {
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i];
      const found = preferKey && i === steps.length - 1
        ? position(step.key) ?? position(step.value)
        : position(step.value) ?? position(step.key);
      if (found) return found;
    }
    return { line: 1, column: 1 };
  };

  return {
    locate: (path) => fallback(walk(path), false),
    locateKey: (path) => fallback(walk(path), true),
  };
}

function keyEquals(key: unknown, segment: string | number): boolean {
  if (isScalar(key)) return String(key.value) === String(segment);
  return key === segment;
}
