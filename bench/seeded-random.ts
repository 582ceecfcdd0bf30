import { createSeededRandom } from '../packages/service/src/process-os/seeded-random.js';

/** A seeded PRNG (the service's mulberry32): every run of a benchmark generates the same data. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  return createSeededRandom(seed).next;
}
