import { formatWithOptions } from 'node:util';
import type { Execution } from '../runtime/execution.js';
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

  constructor(private readonly exec: Execution) {}

  enabled(): boolean {
    return true;
  }

  fire(task: Task): undefined {
    this.exec.output.push(task.arg as string);
    return undefined;
  }

  describe(op: OpFields): string {
    return `print ${JSON.stringify(op.arg)}`;
  }
}
