import { diagnosticAt } from '../diagnostic-at.js';
import { isSemver } from '../../model/semver.js';
import type { Rule } from '../rule.js';

const SHORT = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*)){0,2}$/;

/**
 * The workflow `version` must be semver (1.4.0). A short or v-prefixed version (1.4, v1.4.0) is a
 * warning with the full form as hint; anything else is an error.
 */
export const invalidSemver: Rule = {
  code: 'invalid-semver',
  name: 'Versions are semver',
  check(ctx) {
    const version = ctx.workflow.version;
    if (version === undefined || isSemver(version)) return [];
    const short = SHORT.test(version);
    const parts = version.replace(/^v/, '').split('.');
    while (parts.length < 3) parts.push('0');
    return [diagnosticAt(ctx, ['version'], {
      code: this.code,
      severity: short ? 'warning' : 'error',
      message: `version "${version}" is not a semantic version (MAJOR.MINOR.PATCH)`,
      hint: short ? `write version: "${parts.join('.')}"` : 'write e.g. version: "1.0.0"',
    })];
  },
};
