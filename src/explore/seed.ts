import { BATCH, seedBatch, type Alea } from './alea.js';

/**
 * Seeds of single executions. Execution 0 of a random exploration with seed S
 * runs with seed S itself; execution k > 0 runs with a 32-bit mix of S and k,
 * so `replay --seed <that seed>` runs it alone.
 */
export function runSeed(seed: number, k: number): number {
  if (k === 0) return seed >>> 0;
  return mix32((seed >>> 0) ^ mix32(k + 0x9e3779b9));
}

// A 32-bit finaliser (murmur3's fmix32): every input bit affects every output bit.
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Seeds the generator of each execution of a seeded exploration: execution k
 * runs with `runSeed(seed, k)`. The generators are seeded BATCH (8)
 * executions ahead (see seedBatch), which costs an execution less than half
 * of seeding its generator alone.
 */
export class RunSeeds {
  /** The execution the batch starts at (-1: none yet). */
  private first = -1;
  private readonly seeds = new Array<number>(BATCH).fill(0);
  private readonly states = new Float64Array(3 * BATCH);

  constructor(private readonly seed: number) {}

  /** Seeds `rng` for execution `k`; returns the execution's seed. */
  seedRun(rng: Alea, k: number): number {
    let i = k - this.first;
    if (this.first < 0 || i < 0 || i >= BATCH) {
      this.first = k;
      for (let j = 0; j < BATCH; j++) this.seeds[j] = runSeed(this.seed, k + j);
      seedBatch(this.seeds, this.states);
      i = 0;
    }
    rng.seedFrom(this.states, i);
    return this.seeds[i]!;
  }
}
