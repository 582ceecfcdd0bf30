// Sums a V8 CPU profile (`run.ts --cpu-prof DIR`) per step: node --import tsx bench/engine-pg/sum-cpu-profile.ts FILE STEPS [TOP]
// Prints, excluding idle: (1) time by owner — each sample charged to its nearest frame in a package or node_modules
// library, so node internals and native calls (socket writes, hashing) count for the code that called them; (2) the
// functions with the most self time. A CPU profile also counts time a runnable thread waited for a core (a socket write
// that woke PostgreSQL on the same core): compare with the bench's CPU µs/step, which counts only CPU time.
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, stepsArg, topArg = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const steps = Number(stepsArg);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

/** The package or library a script URL belongs to; undefined for node internals and native code. */
function ownerOf(url: string): string | undefined {
  if (url.includes('node_modules/')) return url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1');
  if (url.includes('/packages/')) return url.replace(/^.*\/packages\/([^/]+)\/src\/([^/]+).*$/, '$1/$2');
  if (url.includes('/bench/')) return 'bench';
  return undefined;
}

const owners = new Map<string, number>();
const self = new Map<string, number>();
let busy = 0;
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
profile.samples.forEach((sample, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(sample)!.callFrame;
  if (leaf.functionName === '(idle)') return;
  busy += us;
  add(self, `${leaf.functionName || '(anonymous)'} ${leaf.url.replace(/^.*\/(node_modules|packages)\//, '')}`, us);
  let owner: string | undefined;
  for (let id: number | undefined = sample; id !== undefined && owner === undefined; id = parent.get(id)) owner = ownerOf(byId.get(id)!.callFrame.url);
  add(owners, owner ?? leaf.functionName, us);
});
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
    console.log(`${(us / steps).toFixed(1).padStart(8)} µs/step ${(100 * us / busy).toFixed(1).padStart(5)} %  ${key}`);
  }
};
console.log(`busy ${(busy / steps).toFixed(0)} µs/step over ${steps} steps`);
print('by owner (nearest package or library frame)', owners);
print('by function (self time)', self);
