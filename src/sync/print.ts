import { formatWithOptions } from 'node:util';
import type { Execution } from '../runtime/execution.js';
import { EventLog } from '../runtime/hb.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Task } from '../runtime/task.js';

/** Formats print arguments as console.log does, without colours. */
export function formatLine(values: readonly unknown[]): string {
  if (values.length === 1 && typeof values[0] === 'string') return values[0];
  return formatWithOptions({ colors: false }, ...values);
}

/** stdout: one object, so every print depends on every other. */
export class Stdout implements Operation {
  readonly label = 'stdout';
  readonly timed = false;
  /** Each task's last print, for the happens-before analysis. */
  private readonly log = new EventLog('stdout');

  constructor(private readonly exec: Execution) {}

  enabled(): boolean {
    return true;
  }

  fire(task: Task): undefined {
    const exec = this.exec;
    exec.output.push(task.arg as string);
    if (exec.hb !== null) exec.hb.event(this.log, task);
    if (exec.printSteps !== undefined) exec.printSteps.push(exec.steps);
    return undefined;
  }

  describe(op: OpFields): string {
    return `print ${JSON.stringify(op.arg)}`;
  }
}
