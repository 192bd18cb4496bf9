/**
 * What each step of an execution touched, for partial-order reduction.
 *
 * DESIGN's dependence: two steps are dependent when they belong to the same
 * task; touch the same shared variable and at least one writes; operate on
 * the same mutex, channel, WaitGroup, cond, once or semaphore; are both
 * prints; or are a task's end and a join on it. A step touches the object of
 * the operation it fired (a read only for a shared variable's `get`) and
 * every object its task released while running on to its next operation
 * (unlock, wg.done, signal, semaphore release: they take effect inside the
 * step), plus the task itself when it returned in the step (what `join`
 * reads). sleep, yield and choose touch nothing shared.
 *
 * Objects are numbered by a key that names them the same way in every
 * execution (`Mutex:mutex#1`, `SharedVar:x`, `task:2`), through a table the
 * strategy keeps for all its executions, so that an access recorded in one
 * execution can be compared with one in the next. (Unnamed primitives are
 * numbered in creation order, so two created by racing tasks may swap keys
 * between executions; give such primitives names.)
 *
 * Off unless a strategy asks for it (the execution's `deps` is null).
 */
import { Task } from './task.js';

export class DepLog {
  /** Per step (1-based): the task that took it, its move alternative and the virtual time. */
  readonly task: number[] = [0];
  readonly alt: number[] = [0];
  readonly time: number[] = [0];
  /** Per step: index of its first access in `obj`/`write`; step n's run to start[n + 1]. */
  readonly start: number[] = [0, 0];
  readonly obj: number[] = [];
  /** 1 for a write, 0 for a read. */
  readonly write: number[] = [];
  /** Per task id: the step in which its parent spawned it (0: before the first step). */
  readonly spawnedBy: number[] = [];
  /** The execution ended because main returned (not a deadlock, a panic or the step limit). */
  mainReturned = false;
  /**
   * The step in which main returned and so ended the execution (0: none).
   * It is dependent with every step: it cuts every other task short.
   */
  endStep = 0;
  /** Tasks still paused at the end: id, whether enabled, and the object their operation touches (-1: none). */
  readonly endTask: number[] = [];
  readonly endEnabled: boolean[] = [];
  readonly endObj: number[] = [];
  readonly endWrite: number[] = [];
  steps = 0;

  constructor(private readonly keys: Map<string, number>) {}

  /** Object number of `o`. */
  id(o: unknown): number {
    const key = keyOf(o);
    let n = this.keys.get(key);
    if (n === undefined) this.keys.set(key, (n = this.keys.size));
    return n;
  }

  /** Task `task` is paused at the end on an operation touching `o` (null: nothing shared). */
  pendingAtEnd(task: number, enabled: boolean, o: unknown, write: boolean): void {
    this.endTask.push(task);
    this.endEnabled.push(enabled);
    this.endObj.push(o === null ? -1 : this.id(o));
    this.endWrite.push(write ? 1 : 0);
  }

  /** Step `step` is taken by task `task`, alternative `alt`, at `time`. */
  begin(step: number, task: number, alt: number, time: number): void {
    this.steps = step;
    this.task[step] = task;
    this.alt[step] = alt;
    this.time[step] = time;
    this.start[step] = this.obj.length;
    this.start[step + 1] = this.obj.length;
  }

  /** The current step touches `o`. */
  touch(o: unknown, write: boolean): void {
    this.obj.push(this.id(o));
    this.write.push(write ? 1 : 0);
    this.start[this.steps + 1] = this.obj.length;
  }

  /** Do steps a and b conflict on an object (same object, at least one writes)? Same-task order is not checked here. */
  conflict(a: number, b: number): boolean {
    for (let i = this.start[a]!; i < this.start[a + 1]!; i++) {
      for (let j = this.start[b]!; j < this.start[b + 1]!; j++) {
        if (this.obj[i] === this.obj[j] && (this.write[i]! | this.write[j]!) === 1) return true;
      }
    }
    return false;
  }
}

/** The name an object has in every execution: its class and label, or a task's id. */
function keyOf(o: unknown): string {
  if (o instanceof Task) return `task:${o.id}`;
  const r = o as { constructor?: { name?: string }; label?: unknown };
  return `${r.constructor?.name ?? 'object'}:${String(r.label ?? '')}`;
}
