import type { Execution } from '../runtime/execution.js';
import { SyncClock } from '../runtime/hb.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Mutex as MutexApi } from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { isPending } from './describe.js';

const LOCK = 0;
const TRY_LOCK = 1;

/**
 * Go's sync.Mutex.
 *
 * `lock` is a scheduling operation enabled while the mutex is free. Every task
 * waiting for it is then an enabled move of its own, so which one gets it next
 * is an ordinary choice of the scheduler: Go promises no order among waiters
 * (not even FIFO, outside its starvation mode), and neither does this.
 *
 * `unlock` only ever enables others, so it takes effect at once, inside the
 * caller's step. As in Go, any task may unlock a mutex another task locked;
 * the holder is kept only to say who holds it in deadlock reports.
 */
export class Mutex implements Operation, MutexApi {
  readonly timed = false;
  /** The task that locked it, or null while it is free. */
  private holder: Task | null = null;
  /** Happens-before: unlock → the next lock. */
  private readonly hbClock = new SyncClock();

  constructor(
    private readonly exec: Execution,
    readonly label: string,
  ) {}

  get name(): string {
    return this.label;
  }

  lock(): Promise<void> {
    return this.exec.pause(this, LOCK, undefined) as Promise<void>;
  }

  unlock(): void {
    if (this.holder === null) throw new Error('sync: unlock of unlocked mutex');
    this.holder = null;
    this.exec.touch(this);
    const hb = this.exec.hb;
    if (hb !== null) hb.release(this.hbClock, this.exec.currentTask());
  }

  // A scheduling operation although it never blocks: its result depends on
  // where it falls among the other tasks' locks and unlocks.
  tryLock(): Promise<boolean> {
    return this.exec.pause(this, TRY_LOCK, undefined) as Promise<boolean>;
  }

  enabled(task: Task): boolean {
    return task.opCode === TRY_LOCK || this.holder === null;
  }

  fire(task: Task): unknown {
    if (task.opCode === LOCK) {
      this.take(task);
      return undefined;
    }
    const got = this.holder === null;
    if (got) this.take(task);
    task.lastArg = got;
    return got;
  }

  describe(op: OpFields): string {
    if (op.opCode === TRY_LOCK) {
      // A tryLock that took effect says what it got (fire kept it in lastArg).
      return op.arg === undefined ? `tryLock ${this.label}` : `tryLock ${this.label} (${op.arg ? 'got it' : 'held'})`;
    }
    return isPending(op) ? `lock ${this.label}${this.heldBy()}` : `lock ${this.label}`;
  }

  // --- for cond.ts, whose wait releases and re-takes the mutex -------------

  /** Free: a lock would take effect now. */
  get free(): boolean {
    return this.holder === null;
  }

  /** Takes the free mutex for `task`, inside a step. */
  take(task: Task): void {
    this.holder = task;
    this.exec.touch(this);
    const hb = this.exec.hb;
    if (hb !== null) hb.acquire(this.hbClock, task, true);
  }

  /** " (held by t2)", or "" while it is free. */
  heldBy(): string {
    return this.holder === null ? '' : ` (held by ${this.holder.name})`;
  }
}
