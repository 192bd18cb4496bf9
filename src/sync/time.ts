import type { Execution } from '../runtime/execution.js';
import { WORLD, type OpFields, type Operation } from '../runtime/resource.js';
import type { Task } from '../runtime/task.js';

/** sleep(ms): enabled once the virtual clock reaches the task's due time. */
export class Sleep implements Operation {
  readonly label = 'clock';
  readonly timed = true;
  readonly local = true;

  constructor(private readonly exec: Execution) {}

  enabled(task: Task): boolean {
    return this.exec.now >= task.due;
  }

  fire(): undefined {
    return undefined;
  }

  describe(op: OpFields): string {
    return `sleep ${op.arg as number}ms (until ${op.due}ms)`;
  }
}

/** yield: always enabled; lets the scheduler pick another task. */
export class Yield implements Operation {
  readonly label = 'yield';
  readonly timed = false;
  /** Dependence: plain JavaScript state (see WORLD). */
  readonly object = WORLD;

  enabled(): boolean {
    return true;
  }

  fire(): undefined {
    return undefined;
  }

  describe(): string {
    return 'yield';
  }
}

/** Checks a sleep duration; a bad one is a panic in the calling task. */
export function checkDuration(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`sleep expects a finite number of milliseconds >= 0, got ${String(ms)}`);
  }
  return ms;
}
