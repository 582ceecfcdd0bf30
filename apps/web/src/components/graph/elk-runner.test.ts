import { describe, expect, it } from 'vitest';
import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import { createElkRunner, createWorkerElk } from './elk-runner';

// Under happy-dom the worker is ELK's in-process stand-in (test-support/setup-dom.ts): the same layout code.
const chain = (n: number): ElkNode => ({
  id: 'root',
  layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' },
  children: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, width: 100, height: 40 })),
  edges: Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, sources: [`s${i}`], targets: [`s${i + 1}`] })),
});

/** ELKs made by the worker factory, counting how many were made and how many terminated. */
function countingElks() {
  const counts = { made: 0, terminated: 0 };
  const create = (): ELK => {
    counts.made++;
    const elk = createWorkerElk();
    return Object.assign(Object.create(elk) as ELK, { terminateWorker: () => { counts.terminated++; elk.terminateWorker(); } });
  };
  return { counts, create };
}

describe('createElkRunner', () => {
  it('lays a chain out left to right, reusing one idle ELK for layouts one after another', async () => {
    const { counts, create } = countingElks();
    const runner = createElkRunner(create);
    for (let k = 0; k < 2; k++) {
      const laid = await runner.layout(chain(4));
      const x = (id: string) => laid.children!.find((c) => c.id === id)!.x!;
      expect(x('s1')).toBeGreaterThan(x('s0'));
      expect(x('s3')).toBeGreaterThan(x('s2'));
    }
    expect(counts).toEqual({ made: 1, terminated: 0 });
  });

  it('stops a superseded layout (its ELK terminated, the promise rejected with AbortError) and lays out the newer one on a fresh ELK', async () => {
    const { counts, create } = countingElks();
    const runner = createElkRunner(create);
    const superseded = new AbortController();
    const first = runner.layout(chain(30), superseded.signal);
    superseded.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    const second = await runner.layout(chain(3));
    expect(second.children).toHaveLength(3);
    expect(counts).toEqual({ made: 2, terminated: 1 });
    await expect(runner.layout(chain(3), superseded.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(counts.made).toBe(2);
  });
});
