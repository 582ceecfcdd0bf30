import { Document, isScalar, visit } from 'yaml';
import type { Workflow } from '../model/workflow.js';
import { CANONICAL_YAML_OPTIONS } from './format-source.js';
import { osopFullDocument } from './osop-full-document.js';
import { workflowDocument } from './stringify-workflow.js';

const HEADER = '# Written by `sopflow export --to osop` for OSOP\'s Full schema; sopflow\'s own keys are under x-sopflow.\n';

/**
 * Pure; writes a normalised workflow as an `.osop` document OSOP's Full schema accepts, with
 * sopflow's extensions under `x-sopflow` keys. Reading it back with `loadWorkflow` (the default
 * sopflow level) gives the same workflow.
 * @example const text = exportOsop(loadWorkflow(source).workflow!);
 */
export function exportOsop(workflow: Workflow): string {
  const document = osopFullDocument(workflowDocument(workflow));
  const yaml = new Document(document, { aliasDuplicateObjects: false });
  // OSOP's tools load YAML with js-yaml's default schema, where an unquoted ISO date becomes a Date
  // (OSOP-NOTES §7.14) and fails `type: string`: quote every string that looks like one.
  visit(yaml, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && DATE_LIKE.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return HEADER + yaml.toString(CANONICAL_YAML_OPTIONS);
}

const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}/;
