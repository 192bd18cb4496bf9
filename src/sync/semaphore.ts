import type { Execution } from '../runtime/execution.js';
import { SyncClock } from '../runtime/hb.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Semaphore as SemaphoreApi } from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { isPending } from './describe.js';

/** First step of acquire: take the units, or join the queue. */
const ACQUIRE = 0;
/** Second step of a queued acquire: enabled once release() has granted the units. */
const GRANTED = 1;
const TRY_ACQUIRE = 2;

/** What the first step of acquire did. */
const TAKEN = true;
const QUEUED = false;

/**
 * golang.org/x/sync/semaphore.Weighted, without contexts.
 *
 * Weighted is strictly FIFO: an acquire that cannot be served joins a queue,
 * and a later acquire waits behind it even when its own units are free, so a
 * large request is never starved by small ones. Joining the queue is therefore
 * an effect others can see, and `acquire` is, like RWMutex's lock, one step
 * when the units are free and nobody waits (it takes them), or two steps: the
 * first joins the queue, the second resumes the task once `release` has
 * granted it its units. `release` serves the queue from its head, as far as
 * the freed units go, inside the releasing task's step: it only ever enables
 * others. Whose acquire comes first is the order of their first steps, which
 * the exploration varies.
 *
 * As in Go, acquiring more than the size blocks forever without joining the
 * queue (Go would wait for the context to end), and releasing more than is
 * held panics.
 */
export class Semaphore implements Operation, SemaphoreApi {
  readonly timed = false;
  private used = 0;
  /** Queued acquirers, oldest first; each asks for its `arg` units. */
  private readonly waiters: Task[] = [];
  /** Happens-before: release → acquire. */
  private readonly hbClock = new SyncClock();

  constructor(
    private readonly exec: Execution,
    readonly label: string,
    private readonly size: number,
  ) {}

  get name(): string {
    return this.label;
  }

  async acquire(k = 1): Promise<void> {
    checkUnits(this.label, 'acquire', k);
    if ((await this.exec.pause(this, ACQUIRE, k)) === QUEUED) {
      // Nothing can release between the two steps: this task runs alone until it pauses here.
      await this.exec.pause(this, GRANTED, k);
    }
  }

  release(k = 1): void {
    checkUnits(this.label, 'release', k);
    this.used -= k;
    this.exec.touch(this);
    if (this.used < 0) throw new Error('semaphore: released more than held');
    const hb = this.exec.hb;
    if (hb !== null) hb.release(this.hbClock, this.exec.currentTask());
    while (this.waiters.length > 0) {
      const t = this.waiters[0]!;
      const want = t.arg as number;
      if (this.size - this.used < want) break;
      this.used += want;
      this.waiters.shift();
      t.released = true;
    }
  }

  tryAcquire(k = 1): Promise<boolean> {
    checkUnits(this.label, 'tryAcquire', k);
    return this.exec.pause(this, TRY_ACQUIRE, k) as Promise<boolean>;
  }

  enabled(task: Task): boolean {
    switch (task.opCode) {
      case ACQUIRE:
        return (task.arg as number) <= this.size;
      case GRANTED:
        return task.released;
      default:
        return true;
    }
  }

  fire(task: Task): unknown {
    const k = task.arg as number;
    const free = this.size - this.used >= k && this.waiters.length === 0;
    switch (task.opCode) {
      case ACQUIRE:
        if (free) {
          this.used += k;
          this.acquired(task);
          return TAKEN;
        }
        this.waiters.push(task);
        return QUEUED;
      case GRANTED:
        this.acquired(task);
        return undefined;
      default:
        if (free) {
          this.used += k;
          this.acquired(task);
        }
        task.lastArg = [k, free];
        return free;
    }
  }

  private acquired(task: Task): void {
    const hb = this.exec.hb;
    if (hb !== null) hb.acquire(this.hbClock, task, true);
  }

  describe(op: OpFields): string {
    const l = this.label;
    switch (op.opCode) {
      case ACQUIRE: {
        const k = op.arg as number;
        const never = isPending(op) && k > this.size ? ` (more than its size ${this.size}: never)` : '';
        return `acquire ${l}${units(k)}${never}`;
      }
      case GRANTED: {
        const k = op.arg as number;
        const state = isPending(op) && !op.released ? `queued, ${this.size - this.used}/${this.size} free` : 'granted';
        return `acquire ${l}${units(k)} (${state})`;
      }
      default: {
        // A tryAcquire that took effect says what it got (fire kept [k, got] in lastArg).
        if (Array.isArray(op.arg)) {
          const [k, got] = op.arg as [number, boolean];
          return `tryAcquire ${l}${units(k)} (${got ? 'got it' : 'not free'})`;
        }
        return `tryAcquire ${l}${units(op.arg as number)}`;
      }
    }
  }
}

function units(k: number): string {
  return k === 1 ? '' : ` k=${k}`;
}

/** A bad count is a panic in the calling task, at its call. */
function checkUnits(label: string, method: string, k: unknown): void {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) {
    throw new TypeError(`${label}.${method} expects an integer >= 0, got ${String(k)}`);
  }
}
