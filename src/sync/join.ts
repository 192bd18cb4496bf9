import type { Execution } from '../runtime/execution.js';
import type { Operation } from '../runtime/resource.js';
import { DONE, type Task } from '../runtime/task.js';

/** task.join(): enabled once the joined task has returned; resolves to its return value. */
export class Join implements Operation {
  readonly label: string;
  readonly timed = false;
  /** Dependence: a join reads its target's end (see deps.ts). */
  readonly object: Task;

  constructor(
    private readonly exec: Execution,
    private readonly target: Task,
  ) {
    this.label = target.name;
    this.object = target;
  }

  enabled(): boolean {
    return this.target.state === DONE;
  }

  fire(task: Task): unknown {
    const hb = this.exec.hb;
    if (hb !== null) hb.joined(this.target, task);
    return this.target.result;
  }

  describe(): string {
    return `join ${this.target.name}`;
  }
}
