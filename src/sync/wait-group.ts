import type { Execution } from '../runtime/execution.js';
import { SyncClock } from '../runtime/hb.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { WaitGroup as WaitGroupApi } from '../runtime/scenario.js';
import { PENDING, type Task } from '../runtime/task.js';

/**
 * Go's sync.WaitGroup. When the counter reaches zero every task waiting at that
 * moment is released, and stays released even if `add` is called again before
 * it resumes.
 */
export class WaitGroup implements Operation, WaitGroupApi {
  readonly timed = false;
  private counter = 0;
  /** Happens-before: done → the waits it releases. */
  private readonly hbClock = new SyncClock();

  constructor(
    private readonly exec: Execution,
    readonly label: string,
  ) {}

  get name(): string {
    return this.label;
  }

  add(delta = 1): void {
    if (typeof delta !== 'number' || !Number.isInteger(delta)) {
      throw new TypeError(`${this.label}.add expects an integer, got ${String(delta)}`);
    }
    this.counter += delta;
    this.exec.touch(this);
    if (this.counter < 0) throw new Error('sync: negative WaitGroup counter');
    const hb = this.exec.hb;
    if (delta < 0 && hb !== null) hb.release(this.hbClock, this.exec.currentTask());
    if (this.counter === 0) this.releaseWaiters();
  }

  done(): void {
    this.add(-1);
  }

  wait(): Promise<void> {
    return this.exec.pause(this, 0, undefined) as Promise<void>;
  }

  enabled(task: Task): boolean {
    return this.counter === 0 || task.released;
  }

  fire(task: Task): undefined {
    // The counter can change before a stall report describes this wait.
    task.lastArg = this.counter;
    const hb = this.exec.hb;
    if (hb !== null) hb.acquire(this.hbClock, task, true);
    return undefined;
  }

  describe(op: OpFields): string {
    // A pending wait shows the counter now; a wait that took effect, the counter then.
    return `wait ${this.label} (counter ${op.arg === undefined ? this.counter : (op.arg as number)})`;
  }

  private releaseWaiters(): void {
    for (const t of this.exec.tasks) {
      if (t.state === PENDING && t.op === this) t.released = true;
    }
  }
}
