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
 * Objects are numbered in the order an execution first touches them, so the
 * same schedule prefix gives the same numbers in every execution.
 *
 * Off unless a strategy asks for it (the execution's `deps` is null).
 */
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
  /** Task ids whose operation was enabled when the execution ended (main's return ends it, as in Go). */
  readonly enabledAtEnd: number[] = [];
  /** The execution ended because main returned (not a deadlock, a panic or the step limit). */
  mainReturned = false;
  steps = 0;
  private readonly ids = new Map<unknown, number>();

  /** Object number of `o`. */
  id(o: unknown): number {
    let n = this.ids.get(o);
    if (n === undefined) this.ids.set(o, (n = this.ids.size));
    return n;
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
