import { Document, visit } from 'yaml';

/**
 * Pure; an execution log object as `.osoplog` text: YAML (default) or JSON. Timestamps are
 * double-quoted, because YAML 1.1 loaders (js-yaml, PyYAML — what OSOP's own tools use) read an
 * unquoted timestamp as a date, which fails OSOP's `type: string` (OSOP-NOTES §7.14).
 */
export function stringifyExecutionLog(log: object, format: 'yaml' | 'json' = 'yaml'): string {
  if (format === 'json') return `${JSON.stringify(log, null, 2)}\n`;
  const doc = new Document(log);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /^\d{4}-\d\d-\d\d([T ]|$)/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}
