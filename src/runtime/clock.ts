import { PENDING, type Task } from './task.js';

/**
 * The virtual clock. Time moves only when no move is enabled: it then jumps to
 * the earliest pending timer, and every timer due at that instant is enabled at
 * once; the ordinary choice among enabled moves orders them. Timers are the
 * sleeping tasks themselves, so a jump allocates nothing.
 */
export class Clock {
  now = 0;

  /**
   * Earliest due time among pending timed operations (a sleep, a receive or
   * select waiting on a timer's channel), or Infinity when there is none.
   * Timers nobody waits on do not count: they keep nothing alive.
   */
  earliest(tasks: readonly Task[]): number {
    let min = Infinity;
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i]!;
      if (t.state !== PENDING || !t.op!.timed) continue;
      const op = t.op!;
      const due = op.wakeAt === undefined ? t.due : op.wakeAt(t);
      if (due < min) min = due;
    }
    return min;
  }
}
