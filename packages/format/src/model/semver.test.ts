import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSemver, isSemver } from '@sopflow/format';

describe('semantic versions', () => {
  it('accepts full versions with pre-release and build parts, and refuses short or v-prefixed ones', () => {
    assert.deepEqual(['1.4.0', '2.0.0-rc.1+build.5', '0.0.1-alpha'].map(isSemver), [true, true, true]);
    assert.deepEqual(['1.4', 'v1.4.0', '01.2.3', '1.2.3-'].map(isSemver), [false, false, false, false]);
  });

  it('orders by number, a pre-release before its release, build metadata ignored', () => {
    assert.deepEqual(['1.10.0', '1.2.0', '1.10.0-rc.1', '1.2.0+b7'].sort(compareSemver), ['1.2.0', '1.2.0+b7', '1.10.0-rc.1', '1.10.0']);
    assert.equal(compareSemver('1.0.0+a', '1.0.0+b'), 0);
  });

  it('puts a numeric pre-release identifier before a word even when the word starts with a higher digit (semver.org §11)', () => {
    // 9 is numeric, 10a is alphanumeric: 9 comes first although "9" > "10a" as text.
    assert.ok(compareSemver('1.0.0-9', '1.0.0-10a') < 0);
    assert.ok(compareSemver('1.0.0-10a', '1.0.0-9') > 0);
    assert.deepEqual(['1.0.0-rc.1', '1.0.0-beta.11', '1.0.0-beta.2', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0'].sort(compareSemver),
      ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
  });
});
