import type { Operation } from '../runtime/resource.js';
import type { Task } from '../runtime/task.js';

/**
 * io(name, fn): a controlled stand-in for real asynchronous I/O. The calling
 * task pauses as it would at a real `await fetch(...)`; the scheduler picks
 * the step at which the I/O completes, and `fn` produces the result then. So
 * real async code, given io-wrapped dependencies, shows the interleavings
 * that real I/O would allow (two requests both missing a cache, say).
 *
 * `fn` runs inside the step: it must not call scheduling operations. It may
 * return a value or a promise that settles without real I/O; a throw (or a
 * rejection) is thrown at the task's await, as a failed request would be.
 */
export class Io implements Operation {
  readonly timed = false;

  constructor(readonly label: string) {}

  enabled(): boolean {
    return true;
  }

  fire(task: Task): unknown {
    return (task.arg as () => unknown)();
  }

  describe(): string {
    return `io ${this.label}`;
  }
}
