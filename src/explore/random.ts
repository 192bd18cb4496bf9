import { Alea } from './alea.js';
import type { Strategy } from './strategy.js';
import { RunSeeds } from './seed.js';

/**
 * Seeded random walk: at every choice point, one enabled move uniformly.
 * Execution k runs with its own seed (see seed.ts), so any one of them can be
 * replayed alone with `--seed`.
 */
export class RandomWalk implements Strategy {
  readonly name = 'random' as const;
  readonly exhausted = false;
  runSeed: number | undefined;
  /** seedrandom's alea, reseeded for each execution (see alea.ts). */
  private readonly rng = new Alea();
  private readonly seeds: RunSeeds;

  /** `first`: the index of the first execution to run (parallel runs split the sample by ranges of executions). */
  constructor(
    seed: number,
    private k = 0,
  ) {
    this.seeds = new RunSeeds(seed);
  }

  begin(): boolean {
    // The same as rng.seed(String(runSeed(seed, k))).
    this.runSeed = this.seeds.seedRun(this.rng, this.k++);
    return true;
  }

  choose(count: number): number {
    return Math.floor(this.rng.next() * count);
  }

  end(): void {}
}
