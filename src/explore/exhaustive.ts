import { NondeterminismError } from '../errors.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { PreemptionBound } from './preemption.js';
import type { Strategy } from './strategy.js';

/** The count of a prefix choice point not reached yet. */
const UNKNOWN = -1;

/**
 * Depth-first search over every choice. The only state is the current path —
 * for each choice point, how many moves were enabled and which one is taken —
 * so memory grows with the depth of one execution, never with their number.
 *
 * Given a `prefix` (the move index taken at each of the first choice points),
 * it explores only the subtree under that prefix: the subtrees of the
 * prefixes at one depth partition the search, which is how parallel and
 * sharded runs split it (see parallel/split.ts).
 *
 * With a preemption bound (CHESS's iterative context bounding) it leaves out
 * every move that would take a path past that many preemptions (see
 * preemption.ts); `boundHit` then says the search is not complete.
 */
export class Exhaustive implements Strategy {
  readonly name = 'exhaustive' as const;
  exhausted = false;
  private readonly counts: number[];
  private readonly picks: number[];
  private depth = 0;
  /** Choice points fixed by the prefix: the search never backtracks into them. */
  private readonly floor: number;
  private readonly bound: PreemptionBound | null;

  constructor(prefix: readonly number[] = [], preemptions = Infinity) {
    this.bound = preemptions === Infinity ? null : new PreemptionBound(preemptions);
    this.picks = prefix.slice();
    // Counts along the prefix are learnt from the first execution.
    this.counts = prefix.map(() => UNKNOWN);
    this.floor = prefix.length;
  }

  begin(): boolean {
    if (this.exhausted) return false;
    this.depth = 0;
    return true;
  }

  /** Some move was left out because of the preemption bound. */
  get boundHit(): boolean {
    return this.bound !== null && this.bound.skipped;
  }

  /** `exec` may be left out (unit tests of the search) when there is no preemption bound. */
  choose(count: number, exec?: Execution): number {
    const d = this.depth++;
    const bound = this.bound;
    if (bound !== null) bound.enter(d, count, exec!, this.picks);
    if (d < this.counts.length) {
      if (this.counts[d] !== count) {
        if (this.counts[d] === UNKNOWN && this.picks[d]! < count) {
          this.counts[d] = count;
          if (bound !== null && !bound.allowed(d, this.picks[d]!)) {
            // A prefix (a parallel split) past the bound: its subtree is empty.
            bound.skipped = true;
            return -1;
          }
          return this.picks[d]!;
        }
        throw new NondeterminismError(
          `the scenario is not deterministic: choice point ${d + 1} had ${this.counts[d]} enabled moves before and ${count} now, under the same schedule`,
        );
      }
      return this.picks[d]!;
    }
    this.counts.push(count);
    const pick = bound === null ? 0 : bound.next(d, 0, count);
    this.picks.push(pick);
    return pick;
  }

  /**
   * The share of the choice tree already searched, counting every subtree of
   * a choice point as the same size: the branches left of the current path,
   * each weighted by the product of the widths above it. Exact for uniform
   * trees, an estimate otherwise; it only grows.
   */
  progress(): number {
    if (this.exhausted) return 1;
    let done = 0;
    let weight = 1;
    for (let d = 0; d < this.counts.length; d++) {
      weight /= this.counts[d]!;
      done += this.picks[d]! * weight;
    }
    return done;
  }

  end(result: ExecutionResult | null): void {
    if (result !== null && this.depth < this.counts.length) {
      throw new NondeterminismError(
        `the scenario is not deterministic: an execution ended after ${this.depth} choice points where the same schedule reached ${this.counts.length} before`,
      );
    }
    let k = this.depth - 1;
    if (k >= this.counts.length) k = this.counts.length - 1;
    const bound = this.bound;
    let next = -1;
    if (bound === null) {
      while (k >= this.floor && this.picks[k] === this.counts[k]! - 1) k--;
      next = this.picks[k]! + 1;
    } else {
      while (k >= this.floor && (next = bound.next(k, this.picks[k]! + 1, this.counts[k]!)) < 0) k--;
    }
    if (k < this.floor) {
      this.exhausted = true;
      return;
    }
    this.picks[k] = next;
    this.counts.length = k + 1;
    this.picks.length = k + 1;
  }
}
