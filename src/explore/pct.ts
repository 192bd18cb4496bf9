import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { Alea } from './alea.js';
import { RunSeeds } from './seed.js';
import type { Strategy } from './strategy.js';

/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and
 * Nagarakatte, ASPLOS 2010). Each task gets a random priority when it is first
 * seen; at every choice point the enabled task with the highest priority
 * runs. At d − 1 change points, chosen uniformly among the first k choice
 * points, the task about to run drops below every other (to d − i at the i-th
 * change point), which forces one more ordering constraint. A bug of depth d
 * in a program of n tasks and k steps is found with probability at least
 * 1/(n·k^(d−1)) per execution.
 *
 * k is estimated as Coyote does: the most choice points any earlier execution
 * of this exploration reached (the first execution has no change point).
 * Execution i runs with its own seed (see seed.ts) and with that estimate,
 * which a replay by seed must be given too (`pctSteps`).
 *
 * Priorities are reals: a fresh task gets d + u with u uniform in [0, 1), so
 * it lands at a uniformly random place among the tasks not lowered yet, and
 * always above the lowered ones. A move with alternatives (a value of
 * `choose`, a channel partner) takes one of them uniformly.
 */
export class Pct implements Strategy {
  readonly name = 'pct' as const;
  readonly exhausted = false;
  runSeed: number | undefined;
  /** The k the execution just run used (its `pctSteps`). */
  runSteps = 0;
  private readonly rng = new Alea();
  private readonly seeds: RunSeeds;
  /** Priority of each task of the current execution, by id. */
  private readonly priority: number[] = [];
  /** The change points of the current execution (1-based choice point numbers), in the order drawn. */
  private readonly changes: number[] = [];
  private point = 0;
  private lowered = 0;

  /**
   * `first`: the index of the first execution to run; `steps`: the estimate
   * of k to start from (0: learn it from the executions).
   */
  constructor(
    seed: number,
    private readonly depth: number,
    private k = 0,
    private steps = 0,
  ) {
    this.seeds = new RunSeeds(seed);
  }

  begin(): boolean {
    this.runSeed = this.seeds.seedRun(this.rng, this.k++);
    this.runSteps = this.steps;
    this.priority.length = 0;
    this.point = 0;
    this.lowered = 0;
    this.pickChangePoints(this.depth - 1, this.steps);
    return true;
  }

  choose(count: number, exec: Execution): number {
    this.point++;
    const tasks = exec.tasks;
    for (let id = this.priority.length; id < tasks.length; id++) this.priority.push(this.depth + this.rng.next());
    let best = this.highest(count, exec);
    if (this.changes.includes(this.point)) {
      this.priority[exec.enabled[best]!.id] = this.depth - ++this.lowered;
      best = this.highest(count, exec);
    }
    // `best` is the first move of its task; the task's alternatives follow it.
    const t = exec.enabled[best];
    let end = best + 1;
    while (end < count && exec.enabled[end] === t) end++;
    return end - best === 1 ? best : best + Math.floor(this.rng.next() * (end - best));
  }

  end(result: ExecutionResult | null): void {
    if (result !== null && this.point > this.steps) this.steps = this.point;
  }

  /** The first enabled move of the task with the highest priority. */
  private highest(count: number, exec: Execution): number {
    let best = 0;
    let top = -Infinity;
    for (let i = 0; i < count; i++) {
      const p = this.priority[exec.enabled[i]!.id]!;
      if (p > top) {
        top = p;
        best = i;
      }
    }
    return best;
  }

  /** `m` distinct numbers from 1 to `k`, uniformly (Floyd's algorithm); all of them when k ≤ m. */
  private pickChangePoints(m: number, k: number): void {
    const c = this.changes;
    c.length = 0;
    if (k <= m) {
      for (let i = 1; i <= k; i++) c.push(i);
      return;
    }
    for (let j = k - m + 1; j <= k; j++) {
      const t = 1 + Math.floor(this.rng.next() * j);
      c.push(c.includes(t) ? j : t);
    }
  }
}
