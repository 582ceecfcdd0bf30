import { parseDocument } from 'yaml';
import type { SourceDocument } from '../parse/parse-source.js';
import { MAX_ALIAS_COUNT } from '../parse/parse-source.js';

/**
 * Pure; the document's data as OSOP's own loaders see it (js-yaml in the spec tests, PyYAML in
 * the CLI): unquoted timestamps become Date objects, which fail `type: string` (OSOP-NOTES §7.14).
 * Used at the core and full levels only; the sopflow level keeps them as strings.
 */
export function osopLoaderData(source: SourceDocument): unknown {
  if (!/\d{4}-\d\d?-\d\d?/.test(source.text)) return source.data;
  try {
    const doc = parseDocument(source.text, { customTags: ['timestamp'], uniqueKeys: true });
    if (doc.errors.length > 0) return source.data;
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return source.data;
  }
}
