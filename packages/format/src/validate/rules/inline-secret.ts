import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { isLiteralSecret, isSecretKey, knownTokenShape } from '../secret-patterns.js';

const MAX_DEPTH = 20;

/**
 * Error: a credential written into the workflow — a value under a key such as `password`,
 * `api_key`, `token` or an `Authorization` header, or anything shaped like a known token
 * (`sk-…`, `ghp_…`, AWS keys, bearer tokens, private keys). `${env.X}` / `${secrets.X}` are fine.
 * Messages name the place and the kind, never the value.
 */
export const inlineSecret: Rule = {
  code: 'inline-secret',
  name: 'No secrets in workflow text',
  check(ctx) {
    const { workflow } = ctx;
    const diagnostics: Diagnostic[] = [];
    const report = (path: DocumentPath, what: string): void => {
      diagnostics.push(diagnosticAt(ctx, path, {
        code: 'inline-secret',
        severity: 'error',
        message: `${formatPath(path)} holds ${what} written inline`,
        hint: 'move it to the environment or a secrets file and write ${env.NAME} or ${secrets.NAME}',
      }));
    };
    const walk = (value: unknown, path: DocumentPath, key: string | undefined, depth: number): void => {
      if (depth > MAX_DEPTH) return;
      if (typeof value === 'string') {
        const shape = knownTokenShape(value);
        const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
        if (shape !== undefined) report(path, shape);
        else if (key !== undefined && isSecretKey(key) && isLiteralSecret(value)) report(path, 'a literal credential');
        else if (assignment !== null && isSecretKey(assignment[1]!) && isLiteralSecret(assignment[2]!)) report(path, 'a literal credential');
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((item, i) => walk(item, [...path, i], key, depth + 1));
        return;
      }
      if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k], k, depth + 1);
      }
    };
    for (const node of workflow.nodes) {
      if (node.runtime !== undefined) walk(node.runtime, [...node.path, 'runtime'], undefined, 0);
      walk(node.extra, node.path, undefined, 0);
      if (node.workflowInputs !== undefined) walk(node.workflowInputs, [...node.path, 'workflow_inputs'], undefined, 0);
      for (const field of ['description', 'purpose'] as const) {
        const text = node[field];
        if (text !== undefined) walk(text, [...node.path, field], field, 0);
      }
    }
    if (workflow.variables !== undefined) walk(workflow.variables, ['variables'], undefined, 0);
    walk(workflow.extra, [], undefined, 0);
    workflow.triggers.forEach((t, i) => walk(t.config, ['triggers', i, 'config'], undefined, 0));
    if (workflow.description !== undefined) walk(workflow.description, ['description'], 'description', 0);
    return diagnostics;
  },
};

function formatPath(path: DocumentPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
