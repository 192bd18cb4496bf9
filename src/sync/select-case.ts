import type { Task } from '../runtime/task.js';

/**
 * An operation's answer when it must panic (a send on a closed channel). The
 * facade throws after its await, so that the panic's stack, and the reported
 * source line, is the user's.
 */
export const PANIC = Symbol('panic');

/**
 * One case of a pending `select`, queued on its channel as a waiting partner:
 * Go's sudog of a select. A partner that meets it, or a close that wakes it,
 * completes the whole select with this case; the select then withdraws its
 * other cases from their channels at once (Go's `selectDone`).
 */
export interface CaseWaiter {
  /** The task pending in the select. */
  readonly task: Task;
  readonly send: boolean;
  /** What a send case sends. */
  readonly value: unknown;
  /**
   * Completes the select with this case: `value` and `ok` for a receive, or
   * PANIC for a send case whose channel was closed.
   */
  complete(value: unknown, ok: boolean): void;
  /** True while the select has no ready case (in Go, it is parked); false once complete. */
  blocked(): boolean;
}

/**
 * What `select` needs of a channel: a Go channel, or a timer's channel
 * (`after`, `ticker`). Receive-only channels never see a send case.
 */
export interface Selectable {
  readonly label: string;
  /** True for a timer's channel: the clock alone can make a receive ready. */
  readonly timed: boolean;
  /**
   * How many moves a case of task `self` offers now: 0 when it is not ready,
   * else one per waiting partner it may meet (its own other cases excluded),
   * or 1 when it meets nobody (a buffer, a closed channel, a timer's value).
   */
  caseMoves(send: boolean, self: Task): number;
  /** The partner that move `alt` of the case meets, when the case offers a choice of partners. */
  casePartner(send: boolean, self: Task, alt: number): Task | undefined;
  /** When the clock alone will make a receive ready: a timer's due time; Infinity otherwise. */
  caseDue(): number;
  /**
   * Takes the ready case as move `alt`, the select's own cases already
   * withdrawn: a receive returns the value and sets `lastOk`; a send returns
   * undefined, or PANIC on a closed channel.
   */
  takeCase(send: boolean, value: unknown, alt: number): unknown;
  /** Whether the last receive taken by `takeCase` got a value (false: closed and drained). */
  readonly lastOk: boolean;
  /** Queues a pending select's case as a waiting partner. */
  enqueue(w: CaseWaiter): void;
  /** Takes it out of the queue again (nothing when it is not there). */
  withdraw(w: CaseWaiter): void;
  /** How a case on this channel reads in a trace: `recv jobs`, `send out <- 3`. */
  caseText(send: boolean, value: unknown): string;
}
