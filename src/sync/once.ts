import type { Execution } from '../runtime/execution.js';
import { SyncClock } from '../runtime/hb.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Once as OnceApi } from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { isPending } from './describe.js';

/** What the step of `do` told the caller. */
const RUN = true;
const SKIP = false;

/**
 * Go's sync.Once.
 *
 * Go's Do is a mutex around a done flag: the first caller runs f as its own
 * code, holding the mutex, and every other caller blocks on the mutex until f
 * has returned, then sees the flag and returns. This does the same: `do` is a
 * scheduling operation enabled while no task is running `fn`; the first one
 * to take it runs `fn` as ordinary task code, after its step, so `fn` may be
 * async and await scheduling operations (take a lock, print, sleep) like any
 * task code; the end of `fn` frees the others at once.
 *
 * Running `fn` inside the step instead (as shared.update runs its function)
 * would forbid exactly that — code inside a step cannot pause — and would make
 * the others' wait invisible: no schedule would ever show a task blocked on a
 * once whose initializer is still in progress, or the deadlock of an `fn` that
 * calls `do` on its own once.
 *
 * As in Go, a `fn` that throws still counts as done.
 */
export class Once implements Operation, OnceApi {
  readonly timed = false;
  private done = false;
  /** The task running fn. */
  private runner: Task | null = null;
  /** Happens-before: the end of fn → every later do. */
  private readonly hbClock = new SyncClock();

  constructor(
    private readonly exec: Execution,
    readonly label: string,
  ) {}

  get name(): string {
    return this.label;
  }

  async do(fn: () => unknown): Promise<void> {
    if (typeof fn !== 'function') throw new TypeError(`${this.label}.do expects a function, got ${typeof fn}`);
    if ((await this.exec.pause(this, 0, undefined)) === SKIP) return;
    try {
      await fn();
    } finally {
      this.done = true;
      this.exec.touch(this);
      const hb = this.exec.hb;
      if (hb !== null && this.runner !== null) hb.release(this.hbClock, this.runner);
      this.runner = null;
    }
  }

  enabled(): boolean {
    return this.runner === null;
  }

  fire(task: Task): boolean {
    task.lastArg = this.done;
    if (this.done) {
      const hb = this.exec.hb;
      if (hb !== null) hb.acquire(this.hbClock, task, true);
      return SKIP;
    }
    this.runner = task;
    return RUN;
  }

  describe(op: OpFields): string {
    if (isPending(op)) {
      if (this.runner !== null) return `do ${this.label} (running in ${this.runner.name})`;
      return `do ${this.label}${this.done ? ' (done)' : ''}`;
    }
    return `do ${this.label}${op.arg === true ? ' (done)' : ''}`;
  }
}
