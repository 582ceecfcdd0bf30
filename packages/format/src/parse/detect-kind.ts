/** The three sopflow files. */
export type SourceKind = 'workflow' | 'log' | 'collection';

const EXTENSION_KINDS: readonly (readonly [RegExp, SourceKind])[] = [
  [/\.osoplog(\.(ya?ml|json))?$/i, 'log'],
  [/\.osop(\.(ya?ml|json))?$/i, 'workflow'],
  [/\.sop(\.(ya?ml|json))?$/i, 'collection'],
];

/** Pure; the kind a file name says, or undefined when its extension is not one of ours. */
export function kindFromFileName(file: string | undefined): SourceKind | undefined {
  if (file === undefined) return undefined;
  for (const [pattern, kind] of EXTENSION_KINDS) if (pattern.test(file)) return kind;
  return undefined;
}

/** Pure; guesses the kind of a parsed document from its top-level keys (osoplog_version → log, sop_version → collection). */
export function kindFromData(data: unknown): SourceKind {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    if ('osoplog_version' in data) return 'log';
    if ('sop_version' in data) return 'collection';
  }
  return 'workflow';
}
