/** semver.org 2.0.0, the recommended regular expression. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Pure; true for a full semantic version (1.4.0, 2.0.0-rc.1+build.5); false for 1.4 or v1.4.0. */
export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/**
 * Pure; which of two semantic versions is newer: negative when a < b, 0 when equal in precedence.
 * A pre-release comes before its release; pre-release identifiers compare numerically when both are
 * numbers, and a number comes before a word (semver.org §11); build metadata is ignored.
 * @example ['1.10.0', '1.2.0', '1.10.0-rc.1'].sort(compareSemver) // ['1.2.0', '1.10.0-rc.1', '1.10.0']
 */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('+')[0]!.split(/-(.*)/s) as [string, string | undefined];
    return { nums: core.split('.').map(Number), pre: pre === undefined ? [] : pre.split('.') };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i]! - y.nums[i]!;
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const pNumeric = /^\d+$/.test(p);
    const qNumeric = /^\d+$/.test(q);
    if (pNumeric && qNumeric) return Number(p) - Number(q);
    if (pNumeric !== qNumeric) return pNumeric ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

const SHORT = /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?$/;

/** Pure; the full form of a short or v-prefixed version the validator accepts with a warning (1.4 → 1.4.0, v2 → 2.0.0); undefined for anything else. */
export function fullFormOfShortVersion(version: string): string | undefined {
  const short = SHORT.exec(version);
  return short === null ? undefined : `${short[1]}.${short[2] ?? 0}.${short[3] ?? 0}`;
}

/**
 * Pure; the next minor release after `version`, as `npm version minor` makes it: 1.2.3 → 1.3.0, a
 * pre-release of a minor release becomes that release (1.3.0-rc.1 → 1.3.0, 1.3.1-rc.1 → 1.4.0),
 * build metadata is dropped. A short or v-prefixed version is read as its full form (1.4 → 1.5.0,
 * v2.0.0 → 2.1.0); a missing or unreadable one starts at 0.1.0. The result is always semver, and
 * newer than the input when that is one (compareSemver).
 * @example bumpMinor('1.9.4') // '1.10.0'
 */
export function bumpMinor(version: string | undefined): string {
  const full = version === undefined ? undefined : isSemver(version) ? version : fullFormOfShortVersion(version);
  if (full === undefined) return '0.1.0';
  const [major, minor, patch] = full.split(/[-+]/)[0]!.split('.').map(Number) as [number, number, number];
  return isPreRelease(full) && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
}

/**
 * Pure; the version `latest` means among `versions`: the highest release, or the highest
 * pre-release when there is no release (2.0.0-rc.1 is not latest beside 1.9.0); undefined for none.
 * @example latestVersion(['1.9.0', '2.0.0-rc.1']) // '1.9.0'
 */
export function latestVersion(versions: readonly string[]): string | undefined {
  const releases = versions.filter((v) => !isPreRelease(v));
  return [...(releases.length > 0 ? releases : versions)].sort(compareSemver).at(-1);
}

/** A hyphen before any build metadata starts a pre-release (1.0.0-rc.1; not 1.0.0+sha.a-b). */
function isPreRelease(version: string): boolean {
  return /^[^+]*-/.test(version);
}
