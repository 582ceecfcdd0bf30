import { diagnosticAt } from '../diagnostic-at.js';
import { fullFormOfShortVersion, isSemver } from '../../model/semver.js';
import type { Rule } from '../rule.js';

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
    const full = fullFormOfShortVersion(version);
    return [diagnosticAt(ctx, ['version'], {
      code: this.code,
      severity: full !== undefined ? 'warning' : 'error',
      message: `version "${version}" is not a semantic version (MAJOR.MINOR.PATCH)`,
      hint: full !== undefined ? `write version: "${full}"` : 'write e.g. version: "1.0.0"',
    })];
  },
};
