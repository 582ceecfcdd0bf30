import type { z } from 'zod';
import type { Diagnostic, DocumentPath } from '../model/diagnostic.js';
import type { SourceDocument } from '../parse/parse-source.js';
import { describePath, jsonTypeOf, valueAt } from './describe-path.js';
import { suggestKey } from './suggest-key.js';

type Issue = z.core.$ZodIssue;

/** Extra advice for a key the current level does not know (e.g. a Full key under `--compat core`). */
export type KeyAdvice = (key: string, path: DocumentPath) => string | undefined;

/**
 * Pure; turns zod issues into Diagnostics named after the JSON Schema keyword that failed
 * (`schema-required`, `schema-type`, `schema-enum`, `schema-additional-property`, ...), placed at
 * the offending value (the parent object for a missing key). Unions report the branch that
 * matched the value's type, so `inputs: [{nme: x}]` says "missing `name`", not "invalid union".
 */
export function issuesToDiagnostics(issues: readonly Issue[], source: SourceDocument, advice?: KeyAdvice): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) collect(issue, [], source, out, advice);
  return out;
}

function collect(issue: Issue, prefix: DocumentPath, source: SourceDocument, out: Diagnostic[], advice?: KeyAdvice): void {
  const path: DocumentPath = [...prefix, ...(issue.path as (string | number)[])];
  const isExtraKey = issue.code === 'custom' && (issue.params as { keyword?: string } | undefined)?.keyword === 'additionalProperties';
  if (!isExtraKey && isMissing(source.data, path)) {
    const parent = path.slice(0, -1);
    const key = String(path[path.length - 1]);
    const present = Object.keys(valueAt(source.data, parent) as object);
    const near = present.find((p) => suggestKey(p, [key]) === key);
    out.push(make(source, path, 'schema-required', `${describePath(parent)}: missing required key \`${key}\``,
      near !== undefined ? `did you mean \`${key}\` instead of \`${near}\`?` : `add \`${key}:\``));
    return;
  }
  if (issue.code === 'invalid_union') {
    const branches = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
    if (branches.length === 1) {
      for (const inner of branches[0]) collect(inner, path, source, out, advice);
      return;
    }
    if (issue.errors.every((branch) => branch.length === 1 && branch[0].code === 'invalid_value' && branch[0].path.length === 0)) {
      const values = issue.errors.flatMap((branch) => (branch[0] as { values: unknown[] }).values.map((v) => JSON.stringify(v)));
      out.push(make(source, path, 'schema-enum', `${describePath(path)}: ${JSON.stringify(valueAt(source.data, path))} is not one of ${values.join(', ')}`));
      return;
    }
    const expected = issue.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => (i as { expected: string }).expected));
    const value = valueAt(source.data, path);
    out.push(make(source, path, 'schema-type', `${describePath(path)}: expected ${unique(expected).join(' or ') || 'a different value'}, got ${jsonTypeOf(value)}`));
    return;
  }
  const where = describePath(path);
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(source.data, path);
      out.push(make(source, path, 'schema-type', `${where}: expected ${expectedName(issue.expected)}, got ${jsonTypeOf(value)}`, typeHint(path, value, issue.expected)));
      return;
    }
    case 'invalid_value': {
      const value = valueAt(source.data, path);
      const values = issue.values.map((v) => JSON.stringify(v));
      const near = typeof value === 'string' ? suggestKey(value, issue.values.filter((v): v is string => typeof v === 'string')) : undefined;
      out.push(make(source, path, 'schema-enum', `${where}: ${JSON.stringify(value)} is not one of ${values.join(', ')}`,
        near !== undefined ? `did you mean \`${near}\`?` : undefined));
      return;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'array') {
        out.push(make(source, path, small ? 'schema-min-items' : 'schema-max-items', `${where}: needs ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`));
      } else if (issue.origin === 'string') {
        out.push(make(source, path, small ? 'schema-min-length' : 'schema-max-length', `${where}: must be ${small ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'} long`));
      } else {
        const exclusive = issue.inclusive === false;
        out.push(make(source, path, small ? 'schema-minimum' : 'schema-maximum', `${where}: must be ${small ? (exclusive ? '>' : '≥') : (exclusive ? '<' : '≤')} ${limit}, got ${JSON.stringify(valueAt(source.data, path))}`));
      }
      return;
    }
    case 'invalid_format': {
      const value = JSON.stringify(valueAt(source.data, path));
      if (issue.format === 'regex') out.push(make(source, path, 'schema-pattern', `${where}: ${value} does not match ${issue.pattern ?? 'the required pattern'}`, patternHint(path)));
      else out.push(make(source, path, 'schema-format', `${where}: ${value} is not a valid ${issue.format}`));
      return;
    }
    case 'custom': {
      const params = (issue.params ?? {}) as { keyword?: string; key?: string; known?: string[]; values?: string[]; format?: string };
      if (params.keyword === 'additionalProperties') {
        const key = params.key ?? String(path[path.length - 1]);
        const near = suggestKey(key, params.known ?? []);
        const extra = advice?.(key, path.slice(0, -1));
        out.push(make(source, path, 'schema-additional-property', `${describePath(path.slice(0, -1))}: unknown key \`${key}\``,
          near !== undefined ? `did you mean \`${near}\`?` : extra ?? 'remove it, or prefix it with `x-` to keep it as an extension', true));
      } else if (params.keyword === 'enum') {
        const near = suggestKey(String(valueAt(source.data, path)), params.values ?? []);
        const allowed = params.values ?? [];
        out.push(make(source, path, 'schema-enum', `${where}: ${issue.message}`,
          near !== undefined ? `did you mean \`${near}\`?` : allowed.length > 0 ? `use one of: ${allowed.join(', ')}` : undefined));
      } else {
        out.push(make(source, path, params.keyword === 'format' ? 'schema-format' : 'schema-invalid', `${where}: ${issue.message}`));
      }
      return;
    }
    default:
      out.push(make(source, path, 'schema-invalid', `${where}: ${issue.message}`));
  }
}

/** True when `path` names a key its (object) parent does not have. */
function isMissing(data: unknown, path: DocumentPath): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !Object.hasOwn(parent, path[path.length - 1]);
}

function make(source: SourceDocument, path: DocumentPath, code: string, message: string, hint?: string, atKey = false): Diagnostic {
  const { line, column } = atKey ? source.locateKey(path) : source.locate(path);
  const diagnostic: Diagnostic = { code, severity: 'error', message, file: source.file, line, column };
  if (hint !== undefined) diagnostic.hint = hint;
  return diagnostic;
}

function expectedName(expected: string): string {
  return expected === 'record' || expected === 'object' ? 'a mapping (object)' : expected === 'array' ? 'a list (array)' : expected;
}

function unique(values: string[]): string[] {
  return [...new Set(values.map(expectedName))];
}

function typeHint(path: DocumentPath, value: unknown, expected: string): string | undefined {
  const key = path[path.length - 1];
  if (typeof value === 'number' && expected === 'string' && (key === 'osop_version' || key === 'osoplog_version' || key === 'sop_version' || key === 'version')) {
    return `quote the version: \`${String(key)}: "${String(value)}"\` (unquoted, YAML reads a number)`;
  }
  if (typeof value === 'string' && expected === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) return 'remove the quotes around the number';
  if (value === null) return 'the value is empty; write one or remove the key';
  if (value instanceof Date) return 'quote it: OSOP\'s loaders (js-yaml, PyYAML) read an unquoted date as a timestamp, not a string';
  return undefined;
}

function patternHint(path: DocumentPath): string | undefined {
  const key = path[path.length - 1];
  return key === 'osop_version' || key === 'osoplog_version' ? 'write the version as a quoted string such as "1.0" or "1.1"' : undefined;
}
