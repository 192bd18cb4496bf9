import type { Execution } from '../runtime/execution.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Cond as CondApi } from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { isPending } from './describe.js';
import type { Mutex } from './mutex.js';

/** First step of wait: join the waiters and unlock the mutex, atomically. */
const WAIT = 0;
/** Second step: signalled, take the mutex again. */
const RELOCK = 1;

/** fire()'s answer when wait finds the mutex unlocked; the facade panics at the user's await, with their line. */
const UNLOCKED = Symbol('unlocked');

/**
 * Go's sync.Cond over a Mutex.
 *
 * `wait` is two steps, as Go's Wait is two stages. The first joins the waiters
 * and unlocks the mutex, in one step, so that no signal can fall between the
 * two; it must be a step, not done at the call: a signal sent before it (by a
 * task that does not hold the mutex, say) is lost, and that lost wake-up is a
 * classic bug to find. The second step is enabled once the task has been
 * signalled and the mutex is free, and takes the mutex: waking up and
 * re-locking are one move, as nothing can tell them apart.
 *
 * `signal` wakes the task that has waited longest, as Go's notify list does
 * (Go's Cond is FIFO by ticket, so this is Go's order, not a simplification);
 * the order of the waiters is the order of their first steps, which the
 * exploration varies. `signal` and `broadcast` only enable others, so they take
 * effect at once, and need not be called with the mutex held.
 */
export class Cond implements Operation, CondApi {
  readonly timed = false;
  /**
   * The mutex's label, not the cond's name: both steps of wait touch the
   * mutex (one unlocks it, one takes it), and signal and broadcast are not
   * steps, so the steps that touch this cond are among those that touch its
   * mutex, and a step on the cond depends on every step on the mutex.
   */
  readonly label: string;
  /** Tasks that took the first step of wait and were not signalled yet, oldest first. */
  private readonly waiters: Task[] = [];

  constructor(
    private readonly exec: Execution,
    readonly name: string,
    private readonly mutex: Mutex,
  ) {
    this.label = mutex.label;
  }

  async wait(): Promise<void> {
    if ((await this.exec.pause(this, WAIT, undefined)) === UNLOCKED) {
      throw new Error('sync: unlock of unlocked mutex');
    }
    // Nothing can signal between the two steps: this task runs alone until it pauses here.
    await this.exec.pause(this, RELOCK, undefined);
  }

  signal(): void {
    const t = this.waiters.shift();
    if (t !== undefined) this.wake(t);
  }

  broadcast(): void {
    for (const t of this.waiters) this.wake(t);
    this.waiters.length = 0;
  }

  // Happens-before: the signal → the wait it wakes.
  private wake(t: Task): void {
    t.released = true;
    this.exec.touch(this);
    const hb = this.exec.hb;
    if (hb !== null) hb.handoff(this.exec.currentTask(), t, false);
  }

  enabled(task: Task): boolean {
    return task.opCode === WAIT || (task.released && this.mutex.free);
  }

  fire(task: Task): unknown {
    if (task.opCode === RELOCK) {
      this.mutex.take(task);
      return undefined;
    }
    if (this.mutex.free) return UNLOCKED;
    this.waiters.push(task);
    this.mutex.unlock();
    return undefined;
  }

  describe(op: OpFields): string {
    const l = this.name;
    if (op.opCode === WAIT) return `wait ${l}`;
    if (!isPending(op)) return `wait ${l} (relock ${this.mutex.label})`;
    if (!op.released) return `wait ${l} (not signalled)`;
    return `wait ${l} (signalled, relock ${this.mutex.label}${this.mutex.heldBy()})`;
  }
}
