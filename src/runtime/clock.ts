import { PENDING, type Task } from './task.js';

/**
 * The virtual clock. Time moves only when no move is enabled: it then jumps to
 * the earliest pending timer, and every timer due at that instant is enabled at
 * once; the ordinary choice among enabled moves orders them. Timers are the
 * sleeping tasks themselves, so a jump allocates nothing.
 */
export class Clock {
  now = 0;

  /** Earliest due time among pending timed operations, or Infinity when there is none. */
  earliest(tasks: readonly Task[]): number {
    let min = Infinity;
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i]!;
      if (t.state === PENDING && t.op!.timed && t.due < min) min = t.due;
    }
    return min;
  }
}
