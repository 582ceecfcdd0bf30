import { DEFAULT_SCHEMA, load as loadYaml } from 'js-yaml';
import type { SourceDocument } from '../parse/parse-source.js';

const NEEDS_OSOP_LOADER = /\d{4}-\d\d?-\d\d?|<</;

/**
 * Pure; the document's data as OSOP's own loaders see it: js-yaml's default schema, as in the
 * spec's test suite (PyYAML, in the CLI, agrees here): unquoted timestamps become Date objects,
 * which fail `type: string` (OSOP-NOTES §7.14), and `<<` merge keys are applied. Used at the core
 * and full levels only; the sopflow level reads YAML 1.2 core and keeps them as written.
 */
export function osopLoaderData(source: SourceDocument): unknown {
  if (!NEEDS_OSOP_LOADER.test(source.text)) return source.data;
  try {
    return loadYaml(source.text, { schema: DEFAULT_SCHEMA });
  } catch {
    return source.data;
  }
}
