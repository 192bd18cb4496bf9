import type { Task } from './task.js';

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
  /** True for sleeps: a pending task with a due time the clock can jump to. */
  readonly timed: boolean;
  enabled(task: Task): boolean;
  fire(task: Task): unknown;
  /** What the task does or waits for, e.g. `print "a"`, `wait wg#1 (counter 2)`. */
  describe(task: Task): string;
}
