import { isSemver, validateSource, type Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import { validWorkflowOf } from '../valid-workflow.js';
import { canonicalHubText, hubContentHash } from './hub-keys.js';

/** The largest document the hub takes, in bytes of canonical UTF-8 text. */
export const MAX_HUB_DOCUMENT_BYTES = 256 * 1024;

/** What the hub stores and searches of a valid document: identity, facets and words. */
export interface HubDocument {
  name: string; version: string; title: string; description: string | null; text: string; contentHash: string; size: number;
  tags: string[]; nodeTypes: string[]; services: string[]; searchText: string;
}

/**
 * Checks a document for the hub: at most MAX_HUB_DOCUMENT_BYTES (too_large), a workflow that
 * validates (invalid_document with line:col diagnostics), a semver `version` (invalid_document);
 * returns its name (the workflow id), facets and the words it is found by. Pure.
 */
export function describeHubDocument(text: string): HubDocument {
  const canonical = canonicalHubText(text);
  const size = Buffer.byteLength(canonical, 'utf8');
  if (size > MAX_HUB_DOCUMENT_BYTES) throw new ServiceError('too_large', `the document is ${size} bytes; the hub takes at most ${MAX_HUB_DOCUMENT_BYTES}`, { maxBytes: MAX_HUB_DOCUMENT_BYTES, size });
  const workflow = validWorkflowOf(validateSource(canonical, 'published.osop'), (report) => {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    return new ServiceError('invalid_document', `the document does not validate${first === undefined ? ' as a workflow' : `: ${first.line}:${first.column} ${first.message}`}`, {
      diagnostics: errors.map((d) => ({ code: d.code, message: d.message, line: d.line, column: d.column })),
    });
  });
  if (workflow.version === undefined || !isSemver(workflow.version)) {
    throw new ServiceError('invalid_document', `the workflow's version ${workflow.version === undefined ? 'is missing' : `"${workflow.version}" is not semver`}; the hub needs one such as 1.0.0`, { reason: 'not_semver' });
  }
  const tags = distinctLower(workflow.tags);
  const nodeTypes = distinctLower(workflow.nodes.map((n) => n.type));
  const services = servicesNamed(workflow);
  const words = [workflow.id, workflow.name, workflow.description ?? '', ...tags, ...workflow.nodes.map((n) => n.name)];
  return {
    name: workflow.id, version: workflow.version, title: workflow.name, description: workflow.description ?? null, text: canonical, contentHash: hubContentHash(canonical), size,
    tags, nodeTypes, services, searchText: hubWords(words.join(' ')).join(' '),
  };
}

/** The lower-case words of a text (letters and digits; everything else separates): what the index holds and a query asks for. Pure. */
export function hubWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** The services a workflow names: api hosts (template-free), providers, MCP servers and tools. */
function servicesNamed(workflow: Workflow): string[] {
  const named: string[] = [];
  for (const node of workflow.nodes) {
    const runtime = node.runtime;
    if (runtime === undefined) continue;
    for (const value of [runtime.provider, runtime.server, runtime.tool]) if (typeof value === 'string') named.push(value);
    if (typeof runtime.url === 'string' && !runtime.url.includes('${')) {
      try {
        named.push(new URL(runtime.url).hostname);
      } catch {
        // Not a URL: the validator already said so, or it is relative; nothing to name.
      }
    }
  }
  return distinctLower(named);
}

function distinctLower(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()).filter((v) => v !== ''))];
}
