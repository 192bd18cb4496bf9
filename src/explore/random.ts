import { Alea } from './alea.js';
import type { Strategy } from './strategy.js';
import { runSeed } from './seed.js';

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

  /** `first`: the index of the first execution to run (parallel runs split the sample by ranges of executions). */
  constructor(
    private readonly seed: number,
    private k = 0,
  ) {}

  begin(): boolean {
    this.runSeed = runSeed(this.seed, this.k++);
    this.rng.seedInt(this.runSeed); // the same as seed(String(runSeed))
    return true;
  }

  choose(count: number): number {
    return Math.floor(this.rng.next() * count);
  }

  end(): void {}
}
