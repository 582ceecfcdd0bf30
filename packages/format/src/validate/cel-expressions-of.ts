import type { CelDeclarations } from '../cel/cel-declarations.js';
import { celDeclarationsFor } from '../cel/cel-declarations.js';
import type { CelExpectation } from '../cel/check-cel-expression.js';
import type { DocumentPath } from '../model/diagnostic.js';
import type { Workflow } from '../model/workflow.js';
import { existingPath } from './diagnostic-at.js';
import type { RuleContext } from './rule.js';

/** One CEL expression found in a workflow, with where it sits and what it must yield. */
export interface CelSite {
  expr: string;
  /** Where the expression sits; `alternatives` are other spellings of the last key (`condition` for `when`). */
  path: DocumentPath;
  alternatives?: readonly string[];
  expect: CelExpectation;
  /** The node whose outgoing edge carries the expression, if any. */
  from?: string;
  /** For exit conditions: the exit node (`outputs` means its outputs). */
  node?: string;
  /** What the expression is, for messages: "when", "for_each", "switch expression", "exit condition". */
  what: string;
}

const siteCache = new WeakMap<Workflow, readonly CelSite[]>();

/** Pure; every CEL expression of `workflow`: edge `when` (bool; any for switch), `for_each` (list), exit conditions. Cached per workflow. */
export function celExpressionsOf(workflow: Workflow): readonly CelSite[] {
  const cached = siteCache.get(workflow);
  if (cached !== undefined) return cached;
  const sites: CelSite[] = [];
  for (const edge of workflow.edges) {
    if (edge.when !== undefined) {
      const isSwitch = edge.mode === 'switch';
      sites.push({
        expr: edge.when,
        path: [...edge.path, 'when'],
        alternatives: ['condition'],
        expect: isSwitch ? 'any' : 'bool',
        from: edge.from,
        what: isSwitch ? 'switch expression' : 'when',
      });
    }
    if (edge.forEach !== undefined) {
      sites.push({ expr: edge.forEach, path: [...edge.path, 'for_each'], expect: 'list', from: edge.from, what: 'for_each' });
    }
  }
  workflow.exitConditions.forEach((condition, i) => {
    if (condition.when !== undefined) {
      sites.push({
        expr: condition.when,
        path: ['exit_conditions', i, 'when'],
        expect: 'bool',
        what: 'exit condition',
        ...(condition.node === undefined ? {} : { node: condition.node }),
      });
    }
  });
  siteCache.set(workflow, sites);
  return sites;
}

const declarationCache = new WeakMap<Workflow, CelDeclarations>();

/** The workflow-wide declarations, one object per workflow so CEL check results are shared between rules. */
export function workflowCelDeclarations(workflow: Workflow): CelDeclarations {
  let declarations = declarationCache.get(workflow);
  if (declarations === undefined) {
    declarations = celDeclarationsFor(workflow);
    declarationCache.set(workflow, declarations);
  }
  return declarations;
}

/** The path to report a finding about `site` at: the spelling the document used. */
export function sitePath(ctx: RuleContext, site: CelSite): DocumentPath {
  if (site.alternatives === undefined) return site.path;
  const parent = site.path.slice(0, -1);
  return existingPath(ctx, parent, [String(site.path[site.path.length - 1]), ...site.alternatives]);
}
