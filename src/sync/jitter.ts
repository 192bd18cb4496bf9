import type { OpFields, Operation } from '../runtime/resource.js';
import type { Task } from '../runtime/task.js';

/**
 * Imprecise timers (`jitter: j`): a `sleep(ms)` may end anywhere in
 * [ms·(1−j), ms·(1+j)]. The runtime cannot explore a continuum, so a jittered
 * sleep is two operations: this one, which picks how long the sleep lasts as
 * a move alternative (so exhaustive search tries each, a random walk picks
 * one, a schedule records which), and then the ordinary sleep with that due
 * time. The candidate lengths are, in alternative order:
 *
 *   0: ms          (the nominal length: alternative 0 is the run without jitter)
 *   1: ms·(1−j)    (the earliest end)
 *   2: ms·(1+j)    (the latest end)
 *
 * Why these are enough for ordering two timers: let A's window be [a1, a2]
 * and B's [b1, b2] (absolute end times, for a given history). If the windows
 * overlap (a1 ≤ b2 and b1 ≤ a2), A at its earliest and B at its latest puts A
 * first (a1 < b2) or at the same instant (a1 = b2), where the ordinary choice
 * between timers due together orders them either way; symmetrically B at its
 * earliest and A at its latest puts B first. If they do not overlap, only one
 * order is possible and every candidate gives it. So every pair of timers is
 * seen in every order it can fire in, and the nominal run is always among the
 * runs explored.
 *
 * What the three points do not give: every order of three or more timers at
 * once. With j = 0.5 and windows [5, 15], [8, 24] and [10, 30], the order
 * third, second, first needs the second to end strictly inside (10, 15),
 * which none of 8, 16 and 24 is. Nor are values that depend on the exact end
 * time (`now()`) seen beyond these three points. An exact treatment of all
 * orders would need symbolic time (zones, as timed-automata checkers use).
 */
export class SleepLength implements Operation {
  readonly label = 'jitter';
  readonly timed = false;
  /** Picking a length touches nothing another task can see (for partial-order reduction). */
  readonly local = true;

  constructor(readonly jitter: number) {}

  enabled(): boolean {
    return true;
  }

  alternatives(): number {
    return 3;
  }

  fire(task: Task, alt: number): number {
    return jitteredLength(task.arg as number, this.jitter, alt);
  }

  describe(op: OpFields, alt?: number): string {
    const ms = op.arg as number;
    if (alt === undefined) return `sleep ${ms}ms: pick its length (±${this.jitter * 100}%)`;
    return `sleep ${ms}ms: lasts ${jitteredLength(ms, this.jitter, alt)}ms`;
  }
}

/** Length of alternative `alt` of a `sleep(ms)` under jitter `j` (see SleepLength). */
export function jitteredLength(ms: number, j: number, alt: number): number {
  return alt === 0 ? ms : alt === 1 ? ms - ms * j : ms + ms * j;
}
