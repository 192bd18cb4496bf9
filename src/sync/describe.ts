import type { OpFields } from '../runtime/resource.js';
import { PENDING, Task } from '../runtime/task.js';

/**
 * True when `describe` is asked about an operation that is still pending (a
 * trace step about to be taken, a deadlock report), false when it is asked
 * about the last operation a stalled task took. Only a pending operation may
 * be described with the resource's current state ("held by t2"): by the time
 * a stall is reported, that state has nothing to do with the old operation.
 */
export function isPending(op: OpFields): op is Task {
  return op instanceof Task && op.state === PENDING;
}

/** A value in an operation's description: JSON, cut short. */
export function show(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
  } catch {
    return String(v);
  }
}

/** Checks the optional name of a primitive; a bad one is a panic in the calling task. */
export function checkName(kind: string, name: unknown): void {
  if (name !== undefined && (typeof name !== 'string' || name === '')) {
    throw new TypeError(`${kind} expects a non-empty name string, got ${show(name)}`);
  }
}
