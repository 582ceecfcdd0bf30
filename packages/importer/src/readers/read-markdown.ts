import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { parse as parseYaml } from 'yaml';
import type { DocTree } from '../tree/doc-tree.js';
import { mdastToBlocks } from './mdast-to-blocks.js';
import { rewriteReadmeBlocks } from './readme-blocks.js';

/**
 * Pure; markdown (CommonMark + GFM tables, task lists) → document tree. YAML front matter is kept
 * as metadata (data only: the core schema, no custom tags). MkDocs admonitions
 * (`!!! warning "Title"` + an indented body) become quote blocks, like GitHub's `> [!NOTE]`;
 * ReadMe's `[block:api-header]` blocks are read as the headings, callouts, tables and code they render.
 */
export function readMarkdown(text: string): DocTree {
  const { body, metadata, lineOffset } = splitFrontMatter(text.replace(/\r\n?/g, '\n'));
  const roles: string[] = [];
  const tree = unified().use(remarkParse).use(remarkGfm).parse(rewriteMystRoles(rewriteLetteredItems(rewriteAdmonitions(rewriteReadmeBlocks(clampNesting(body)))), roles));
  const blocks = mdastToBlocks(tree, { paragraph: 0, lineOffset, keepLines: true });
  if (roles.length > 0) metadata.referencedRoles = [...new Set(roles)];
  return { format: 'markdown', blocks, metadata };
}

/**
 * MyST / Sphinx inline roles read as their text: {ref}`Label <target>` → "Label", {ref}`role_system_manager`
 * → "system manager" (a target named role_* names a role of the document, collected in `roles`),
 * {doc}`path` → its last part.
 */
function rewriteMystRoles(text: string, roles: string[]): string {
  return text.replace(/\{(?:ref|doc|term|numref|any|abbr|guilabel|command|file)\}`([^`]+)`/g, (_, inner: string) => {
    const labelled = inner.match(/^(.*?)\s*<([^>]+)>$/);
    if (labelled && labelled[1]) return labelled[1];
    const target = inner.replace(/^.*[/:]/, '');
    const role = target.match(/^roles?[_-](.+)$/i);
    const words = (role ? role[1] : target).replace(/[_-]+/g, ' ').trim();
    if (role) roles.push(words);
    return words;
  });
}

function splitFrontMatter(text: string): { body: string; metadata: Record<string, unknown>; lineOffset: number } {
  const m = text.match(/^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/);
  if (!m) return { body: text, metadata: {}, lineOffset: 0 };
  let metadata: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(m[1], { schema: 'core', maxAliasCount: 10 });
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) metadata = parsed as Record<string, unknown>;
  } catch {
    metadata = {};
  }
  return { body: text.slice(m[0].length), metadata, lineOffset: m[0].split('\n').length - 1 };
}

/**
 * Nesting deeper than any procedure needs makes markdown parsing slow (cubic for nested lists), so
 * indentation is capped at 48 columns and quote depth at 16; line count is kept.
 */
function clampNesting(text: string): string {
  return text.replace(/^[ \t>]{48,}/gm, (lead) => {
    const quotes = Math.min((lead.match(/>/g) ?? []).length, 16);
    return `${'> '.repeat(quotes)}${' '.repeat(Math.min(lead.replace(/>/g, '').replace(/\t/g, '    ').length, 48))}`;
  });
}

/** Indented "a." / "ii)" sub-items (which CommonMark does not know) become bullets; line count kept. */
function rewriteLetteredItems(text: string): string {
  return text.replace(/^( {2,}|\t+)(?:[a-z]|[ivx]{1,4})[.)] +(?=\S)/gm, '$1- ');
}

/** Keeps the line count: each admonition line becomes one quote line. */
function rewriteAdmonitions(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^(!!!|\?\?\?\+?)\s+(\w+)(?:\s+"([^"]*)")?\s*$/);
    if (!m) continue;
    lines[i] = `> [!${m[2]}] ${m[3] ?? ''}`.trimEnd();
    for (let j = i + 1; j < lines.length; j++) {
      if (/^( {4}|\t)/.test(lines[j])) lines[j] = `> ${lines[j].replace(/^( {4}|\t)/, '')}`;
      else if (lines[j].trim() === '' && j + 1 < lines.length && /^( {4}|\t)/.test(lines[j + 1])) lines[j] = '>';
      else break;
      i = j;
    }
  }
  return lines.join('\n');
}
