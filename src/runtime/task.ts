import type { OpFields, Operation } from './resource.js';
import type { TaskHandle } from './scenario.js';

/** Executing JavaScript: between two scheduling operations. */
export const RUNNING = 0;
/** Paused before a scheduling operation that has not taken effect yet. */
export const PENDING = 1;
/** Returned (or threw). */
export const DONE = 2;

export type TaskState = typeof RUNNING | typeof PENDING | typeof DONE;

/**
 * One task of one execution. Its pending operation lives on the task itself
 * (a task has at most one), so pausing allocates nothing but the promise the
 * task awaits.
 */
export class Task implements OpFields {
  state: TaskState = RUNNING;
  /** What the pending operation is on: a resource, or a singleton for print/sleep/yield. */
  op: Operation | null = null;
  /** Which of the resource's operations (a small code the resource defines). */
  opCode = 0;
  /** The pending operation's argument. */
  arg: unknown = undefined;
  /** Virtual time at which a pending sleep may end. */
  due = 0;
  /** A flag a resource may set to enable the pending operation (a released WaitGroup waiter). */
  released = false;
  resolve: ((value: unknown) => void) | null = null;
  reject: ((reason: unknown) => void) | null = null;
  /** Return value, once DONE. */
  result: unknown = undefined;
  /**
   * The last operation that took effect, kept as the operation and its fields
   * rather than as a description: stall reports are rare, and describing every
   * step (a JSON.stringify per print) was a large part of a step's cost.
   * Null until the task's first operation takes effect.
   */
  lastOp: Operation | null = null;
  lastCode = 0;
  /** fire() may replace this with what a later describe() should report (WaitGroup stores its counter). */
  lastArg: unknown = undefined;
  lastDue = 0;
  /** The handle go() returned for this task, made on first use (see sync/runtime.ts). */
  handle: TaskHandle | undefined = undefined;
  /** Source line of the pending operation; recorded only when tracing. */
  site: string | undefined = undefined;

  constructor(
    readonly id: number,
    readonly name: string,
  ) {}
}
