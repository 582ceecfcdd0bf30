import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bumpMinor, compareSemver, isSemver, latestVersion } from '@sopflow/format';

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

  it('bumps the minor version as npm version minor does, and reads odd input one way for every caller', () => {
    const cases: [string | undefined, string][] = [
      ['1.2.3', '1.3.0'], ['1.9.4', '1.10.0'], ['0.0.1', '0.1.0'], ['1.2.3+build.7', '1.3.0'],
      ['1.3.0-rc.1', '1.3.0'], ['1.3.1-rc.1', '1.4.0'], ['2.0.0-0', '2.0.0'], ['1.0.0-x+y', '1.0.0'],
      // Short and v-prefixed forms (the validator warns and names their full form), then unreadable ones.
      ['1.4', '1.5.0'], ['v1.4.0', '1.5.0'], ['2', '2.1.0'], ['v3.1', '3.2.0'],
      [undefined, '0.1.0'], ['', '0.1.0'], ['draft', '0.1.0'], ['1.2.3abc', '0.1.0'], ['01.2.3', '0.1.0'], ['1.2.3.4', '0.1.0'],
    ];
    assert.deepEqual(cases.map(([v]) => [v, bumpMinor(v)]), cases);
    for (const [v, next] of cases) {
      assert.ok(isSemver(next), `${next} is semver`);
      if (v !== undefined && isSemver(v)) assert.ok(compareSemver(next, v) > 0, `${next} is newer than ${v}`);
    }
  });

  it('takes the highest release as latest, a pre-release only when there is no release', () => {
    assert.equal(latestVersion(['1.9.0', '2.0.0-rc.1', '1.10.0-beta']), '1.9.0');
    assert.equal(latestVersion(['1.2.0', '1.10.0', '1.9.0+build.3']), '1.10.0');
    assert.equal(latestVersion(['2.0.0-rc.1', '2.0.0-rc.2', '1.0.0-beta']), '2.0.0-rc.2');
    assert.equal(latestVersion(['1.0.0+sha.abc-def']), '1.0.0+sha.abc-def', 'a hyphen in build metadata is no pre-release');
    assert.equal(latestVersion([]), undefined);
  });
});
