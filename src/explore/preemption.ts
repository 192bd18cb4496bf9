import type { Execution } from '../runtime/execution.js';

/**
 * Preemptions, as CHESS counts them for iterative context bounding: a choice
 * point where the task that took the previous step is still enabled and
 * another task is picked. Switching away from a task that blocked or returned
 * is free.
 *
 * At a choice point the enabled moves are in task id order, a task's
 * alternatives side by side, so the moves of the task that went last are one
 * run `[lo, hi)` of indices; every move outside it is a preemption. `lo` is -1
 * when that task is not enabled (or at the first step): no move preempts.
 */
export function continuingMoves(count: number, exec: Execution): { lo: number; hi: number } {
  const last = exec.lastStepTask;
  let lo = -1;
  let hi = -1;
  if (last !== null) {
    for (let i = 0; i < count; i++) {
      if (exec.enabled[i] !== last) continue;
      if (lo < 0) lo = i;
      hi = i + 1;
    }
  }
  return { lo, hi };
}

/** Whether picking move `i` at this choice point is a preemption. */
export function isPreemption(count: number, exec: Execution, i: number): boolean {
  const last = exec.lastStepTask;
  if (last === null || exec.enabled[i] === last) return false;
  for (let k = 0; k < count; k++) if (exec.enabled[k] === last) return true;
  return false;
}

/**
 * The preemption bound along one path of a depth-first search: for each
 * choice point on the path, the preemptions taken before it and the run of
 * moves that continue the last task. An exhaustive strategy calls `enter` at
 * each new choice point, asks `allowed` / `next` which moves stay within the
 * bound, and `truncate`s when it backtracks. `skipped` says whether any move
 * was ever left out: only then is the search incomplete.
 *
 * @example
 * const bound = new PreemptionBound(2);
 * // in choose(count, exec), at a new depth d:
 * bound.enter(d, count, exec, picks);
 * const i = bound.next(d, 0); // the first move within the bound
 */
export class PreemptionBound {
  /** Some move was left out because it would exceed the bound. */
  skipped = false;
  /** Preemptions taken before each choice point of the path. */
  private readonly before: number[] = [];
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];

  constructor(readonly bound: number) {}

  /** Records choice point `d` (the path above it, `picks[0..d)`, already entered). */
  enter(d: number, count: number, exec: Execution, picks: readonly number[]): void {
    const { lo, hi } = continuingMoves(count, exec);
    this.before[d] = d === 0 ? 0 : this.before[d - 1]! + (this.preempts(d - 1, picks[d - 1]!) ? 1 : 0);
    this.lo[d] = lo;
    this.hi[d] = hi;
  }

  /** Whether move `i` at choice point `d` is a preemption. */
  preempts(d: number, i: number): boolean {
    const lo = this.lo[d]!;
    return lo >= 0 && (i < lo || i >= this.hi[d]!);
  }

  /** Whether move `i` at choice point `d` keeps the path within the bound. */
  allowed(d: number, i: number): boolean {
    return !this.preempts(d, i) || this.before[d]! < this.bound;
  }

  /**
   * The first move from `from` on, before `count`, that keeps the path within
   * the bound, or -1; the moves passed over are recorded as skipped.
   */
  next(d: number, from: number, count: number): number {
    for (let i = from; i < count; i++) {
      if (this.allowed(d, i)) return i;
      this.skipped = true;
    }
    return -1;
  }

  /** Preemptions on the path down to and including the pick at choice point `d`. */
  total(d: number, pick: number): number {
    return this.before[d]! + (this.preempts(d, pick) ? 1 : 0);
  }

  /** Forgets the choice points from `depth` on. */
  truncate(depth: number): void {
    this.before.length = this.lo.length = this.hi.length = Math.min(depth, this.before.length);
  }
}

/** Counts the preemptions of one execution as it runs: wrap a chooser's picks with `note`. */
export class PreemptionCounter {
  count = 0;
  /** With `steps`: the step number (1-based) of each preemption. */
  readonly steps: number[] = [];

  note(count: number, exec: Execution, i: number): void {
    if (i >= 0 && isPreemption(count, exec, i)) {
      this.count++;
      this.steps.push(exec.steps + 1);
    }
  }
}
