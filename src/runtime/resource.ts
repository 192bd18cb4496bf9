import type { Task } from './task.js';

/**
 * The object that `io` and `yield` touch for dependence (see deps.ts): the
 * plain JavaScript state that code between awaits reads and writes. The
 * runtime cannot see that state, so a partial-order reduction must assume
 * that every io completion and every yield may touch it: they are the points
 * at which real asynchronous JavaScript interleaves.
 */
export const WORLD: { readonly label: string } = { label: 'world' };

/**
 * What `describe` may read about an operation: a pending task (the task
 * itself), or a copy of the fields of the last operation a task took, for
 * stall reports.
 */
export interface OpFields {
  readonly opCode: number;
  readonly arg: unknown;
  readonly due: number;
}

/**
 * The narrow hooks through which a primitive plugs into the scheduler.
 *
 * A task pauses on an operation: the scheduler asks `enabled` whether it can
 * take effect now, calls `fire` in the step that takes it, and resolves the
 * task's await with what `fire` returns (a throw in `fire` is thrown at the
 * task's await). `describe` feeds traces and deadlock reports, so it names the
 * object and what the task waits for.
 */
export interface Operation {
  /** The object the operation touches ("stdout", "x", "wg#1"). */
  readonly label: string;
  /** True for sleeps and timers: a pending task with a due time the clock can jump to. */
  readonly timed: boolean;
  /**
   * For a timed operation whose due time can change while it is pending (a
   * receive from a ticker that another task drains first): when the clock
   * alone will enable it, Infinity when it cannot. Asked only while the
   * operation is not enabled, so the answer is then later than now. Absent:
   * the `due` given to `pause`.
   */
  wakeAt?(task: Task): number;
  enabled(task: Task): boolean;
  /**
   * How many distinct moves the enabled operation offers (one value of
   * `choose`, say); each is a move of its own at a choice point. Absent
   * means one.
   */
  alternatives?(task: Task): number;
  /** Takes effect as alternative `alt` (always 0 unless `alternatives` says more). */
  fire(task: Task, alt: number): unknown;
  /**
   * What the task does or waits for, e.g. `print "a"`, `wait wg#1 (counter 2)`.
   * Also called, long after the step, for the last operation a stalled task
   * took: anything taken from the resource's state that may have changed since
   * must be saved by `fire` in `task.lastArg` and read from `op.arg`.
   */
  describe(op: OpFields, alt?: number): string;
  /** Touches nothing another task can see (sleep, yield, choose): independent of every other task's step. */
  readonly local?: boolean;
  /** What the operation touches, for dependence (see deps.ts); the operation itself when absent. */
  readonly object?: unknown;
  /** The operation only reads its object (a shared variable's get); absent means it writes. */
  readOnly?(task: Task): boolean;
}
