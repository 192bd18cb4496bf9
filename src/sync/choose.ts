import type { OpFields, Operation } from '../runtime/resource.js';
import type { Task } from '../runtime/task.js';
import { show } from './describe.js';

/**
 * choose(n | values): a nondeterministic choice that the scheduler owns.
 * Every value is a move of its own (an alternative of one operation), so
 * exhaustive exploration tries each one, a random walk picks one uniformly,
 * and a schedule string records which.
 */
export class Choose implements Operation {
  readonly label = 'choose';
  readonly timed = false;
  readonly local = true;

  enabled(): boolean {
    return true;
  }

  alternatives(task: Task): number {
    const a = task.arg;
    return typeof a === 'number' ? a : (a as readonly unknown[]).length;
  }

  fire(task: Task, alt: number): unknown {
    const a = task.arg;
    return typeof a === 'number' ? alt : (a as readonly unknown[])[alt];
  }

  describe(op: OpFields, alt?: number): string {
    const a = op.arg;
    const n = typeof a === 'number' ? a : (a as readonly unknown[]).length;
    if (alt === undefined) return `choose one of ${n}`;
    return `choose ${typeof a === 'number' ? alt : show((a as readonly unknown[])[alt])} (${alt + 1} of ${n})`;
  }
}

/** Checks choose's argument; a bad one is a panic in the calling task. */
export function checkChoices(arg: unknown): number | readonly unknown[] {
  if (typeof arg === 'number') {
    if (!Number.isInteger(arg) || arg < 1) throw new RangeError(`choose expects a whole number from 1 up, got ${show(arg)}`);
    return arg;
  }
  if (Array.isArray(arg)) {
    if (arg.length === 0) throw new RangeError('choose expects at least one value, got an empty array');
    return arg.slice();
  }
  throw new TypeError(`choose expects a number of choices or an array of values, got ${show(arg)}`);
}
