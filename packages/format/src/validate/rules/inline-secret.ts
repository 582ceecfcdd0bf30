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
    // `path` is one mutable stack (copied only when reporting): this walks every value of every node.
    const path: (string | number)[] = [];
    const walk = (value: unknown, key: string | undefined, depth: number): void => {
      if (depth > MAX_DEPTH) return;
      if (typeof value === 'string') {
        const shape = knownTokenShape(value);
        if (shape !== undefined) report([...path], shape);
        else if (key !== undefined && isSecretKey(key) && isLiteralSecret(value)) report([...path], 'a literal credential');
        else if (value.includes('=')) {
          const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
          if (assignment !== null && isSecretKey(assignment[1]!) && isLiteralSecret(assignment[2]!)) report([...path], 'a literal credential');
        }
        return;
      }
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          walk(value[i], key, depth + 1);
          path.pop();
        }
        return;
      }
      if (value !== null && typeof value === 'object') {
        for (const k of Object.keys(value)) {
          path.push(k);
          walk((value as Record<string, unknown>)[k], k, depth + 1);
          path.pop();
        }
      }
    };
    const walkAt = (value: unknown, at: DocumentPath, key?: string): void => {
      path.length = 0;
      path.push(...at);
      walk(value, key, 0);
    };
    for (const node of workflow.nodes) {
      if (node.runtime !== undefined) walkAt(node.runtime, [...node.path, 'runtime']);
      walkAt(node.extra, node.path);
      if (node.workflowInputs !== undefined) walkAt(node.workflowInputs, [...node.path, 'workflow_inputs']);
      if (node.description !== undefined) walkAt(node.description, [...node.path, 'description'], 'description');
      if (node.purpose !== undefined) walkAt(node.purpose, [...node.path, 'purpose'], 'purpose');
    }
    if (workflow.variables !== undefined) walkAt(workflow.variables, ['variables']);
    walkAt(workflow.extra, []);
    workflow.triggers.forEach((t, i) => walkAt(t.config, ['triggers', i, 'config']));
    if (workflow.description !== undefined) walkAt(workflow.description, ['description'], 'description');
    return diagnostics;
  },
};

function formatPath(path: DocumentPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
