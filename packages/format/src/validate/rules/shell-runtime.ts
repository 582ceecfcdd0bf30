import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Warning: `runtime.shell: true` runs the command through a shell — high risk (injection, quoting). */
export const shellRuntime: Rule = {
  code: 'shell-runtime',
  name: 'Commands run without a shell',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      if (node.runtime?.shell !== true) continue;
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'runtime', 'shell'], {
        code: this.code,
        severity: 'warning',
        message: `node "${node.id}" runs its command through a shell (high risk: injection and quoting)`,
        hint: 'give runtime.command as an argv array and drop shell: true',
      }));
    }
    return diagnostics;
  },
};
