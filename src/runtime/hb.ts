/**
 * Happens-before, by vector clocks, for the `race`, `timing` and `ordering`
 * findings.
 *
 * Each task has a vector clock; its own entry counts its steps, so the pair
 * (task, own entry) names one event of the task, and the own entry is also
 * the event's index in the task: the same program point gets the same number
 * in every execution that reaches it along the same path. A synchronizing
 * object (a mutex, a channel, a WaitGroup ...) has a clock of its own: a
 * release joins the releasing task's clock into it, an acquire joins it into
 * the acquiring task's clock. Event e1 of task w happens before event e2 of
 * task u when e2's clock has w's entry at or above e1's. Virtual time is not
 * an edge: two tasks ordered only by how long they slept are concurrent.
 *
 * The edges (DESIGN): go (the parent's past → the child), join (the joined
 * task's whole life → the joiner), a channel's send → the receive that takes
 * its value, its k-th receive → its (k+C)-th send's completion (C = capacity;
 * for an unbuffered channel both directions of the rendezvous), close → a
 * receive that sees it; unlock → the next lock; WaitGroup done → the waits it
 * releases; signal/broadcast → the wait it wakes; the end of once's function
 * → every later `do`; semaphore release → acquire.
 *
 * The monitor costs nothing when off (the execution's `hb` is null); on, it
 * allocates one array per task, per synchronizing object and per event that
 * must be remembered (a channel's messages), never per plain step.
 */
import type { Task } from './task.js';

/** A vector clock: entry i is task i's count; missing entries are 0. */
export type VClock = number[];

/** What a synchronizing object remembers: the join of the clocks released into it. */
export class SyncClock {
  clock: VClock | null = null;
  /** The step of the last release, for the trace's synchronization edges. */
  step = 0;
}

/** Read, write or read-modify-write of a shared variable. */
export const READ = 0;
export const WRITE = 1;
export const UPDATE = 2;
export type AccessKind = typeof READ | typeof WRITE | typeof UPDATE;

/** One end of a pair of concurrent events: enough to find it again in a replay. */
export interface EventRef {
  task: number;
  /** The event's index in its task (its own clock entry). */
  epoch: number;
  step: number;
  time: number;
  kind: AccessKind;
}

/**
 * Told about pairs of conflicting events that no synchronization orders, in
 * the order they happened: `first` took effect before `second`. The two
 * objects are the monitor's scratch space, reused at the next call (no
 * allocation per pair): copy what must be kept.
 */
export interface ConcurrencySink {
  race(object: string, first: EventRef, second: EventRef): void;
  unordered(object: string, first: EventRef, second: EventRef): void;
}

/** Per-variable state of the race detector (FastTrack-style, with full read clocks). */
export class VarState {
  writeTask = -1;
  writeEpoch = 0;
  writeStep = 0;
  writeTime = 0;
  writeKind: AccessKind = WRITE;
  /** Per task: epoch / step / time of its last read since the last write (0 = none). */
  readonly readEpoch: number[] = [];
  readonly readStep: number[] = [];
  readonly readTime: number[] = [];

  constructor(readonly name: string) {}
}

/** The per-task last event on one object whose every event conflicts with every other (stdout). */
export class EventLog {
  // Room for four tasks from the start (0: no event yet), so most executions never grow them.
  readonly epoch: number[] = [0, 0, 0, 0];
  readonly step: number[] = [0, 0, 0, 0];
  readonly time: number[] = [0, 0, 0, 0];

  constructor(readonly name: string) {}
}

/**
 * Scratch events handed to a sink (see ConcurrencySink: copied by whoever
 * keeps them). Shared by every monitor: a sink call never spans an await.
 */
const FIRST: EventRef = { task: 0, epoch: 0, step: 0, time: 0, kind: READ };
const SECOND: EventRef = { task: 0, epoch: 0, step: 0, time: 0, kind: READ };

const fill = (r: EventRef, task: number, epoch: number, step: number, time: number, kind: AccessKind): EventRef => {
  r.task = task;
  r.epoch = epoch;
  r.step = step;
  r.time = time;
  r.kind = kind;
  return r;
};

export class HappensBefore {
  /**
   * Vector clock per task id, each a packed array: entries up to the highest
   * task the clock knows of (spawned before the task, or joined from later
   * ones), missing entries 0. A task's own entry is always there. Memory
   * grows with what the tasks know of each other, not with the square of
   * the number of tasks.
   */
  private readonly clocks: VClock[] = [];
  /** With tracing: flat pairs (from step, to step) of synchronization edges. */
  readonly edges: number[] | undefined;
  /** With tracing: each step's clock (the stepping task's, after the step's acquires). */
  readonly stepClocks: VClock[] | undefined;
  /** With tracing: each step's task id. */
  readonly stepTasks: number[] | undefined;
  /** With tracing, per task: a release step whose edge lands on the task's next step (a partner completed while it waited). */
  private readonly pendingEdge: number[] | undefined;
  /** With tracing, per task: the step it last took (where a join's edge starts). */
  private readonly lastStep: number[] | undefined;
  /** The current step, and when it happened (kept by the execution). */
  step = 0;
  time = 0;

  constructor(
    private readonly sink: ConcurrencySink | null,
    trace: boolean,
  ) {
    this.edges = trace ? [] : undefined;
    this.stepClocks = trace ? [] : undefined;
    this.stepTasks = trace ? [] : undefined;
    this.pendingEdge = trace ? [] : undefined;
    this.lastStep = trace ? [] : undefined;
  }

  /** A task is created; `parent` is the spawning task, or undefined for main. Ids come in order: 0, 1, 2 ... */
  spawn(child: number, parent: Task | undefined): void {
    // The child starts with the parent's past (every entry below its own id); its own entry is 0.
    const c: VClock = parent === undefined ? [] : this.clocks[parent.id]!.slice();
    while (c.length <= child) c.push(0);
    this.clocks[child] = c;
    if (parent !== undefined) {
      // The child's first event follows the parent's step that spawned it.
      if (this.pendingEdge !== undefined) this.pendingEdge[child] = this.step;
      // Events of the parent after go() are not before the child's.
      const pc = this.clocks[parent.id]!;
      pc[parent.id] = pc[parent.id]! + 1;
    }
  }

  /** Task `t` takes a step: a new event of its own. */
  tick(t: Task, step: number, time: number): void {
    this.step = step;
    this.time = time;
    const c = this.clocks[t.id]!;
    c[t.id] = c[t.id]! + 1;
    if (this.edges !== undefined) {
      this.lastStep![t.id] = step;
      const from = this.pendingEdge![t.id];
      if (from !== undefined && from > 0) {
        this.edges.push(from, step);
        this.pendingEdge![t.id] = 0;
      }
    }
  }

  /** After the step's operation fired: remember the stepping task's clock (tracing only). */
  fired(t: Task): void {
    if (this.stepClocks !== undefined) {
      this.stepClocks[this.step] = this.clocks[t.id]!.slice();
      this.stepTasks![this.step] = t.id;
    }
  }

  /** `t` releases into `s`: everything `t` did so far happens before whoever acquires `s`. */
  release(s: SyncClock, t: Task): void {
    const c = this.clocks[t.id]!;
    if (s.clock === null) s.clock = c.slice();
    else join(s.clock, c);
    s.step = this.step;
  }

  /**
   * `t` acquires `s`. When `t` is not the stepping task (a partner whose
   * operation another task completed), the edge lands on `t`'s next step.
   */
  acquire(s: SyncClock, t: Task, stepping: boolean): void {
    if (s.clock === null) return;
    join(this.clocks[t.id]!, s.clock);
    this.edge(s.step, t, stepping);
  }

  /** A copy of `t`'s clock now: what a message carries from its sender. */
  snapshot(t: Task): VClock {
    return this.clocks[t.id]!.slice();
  }

  /** `t` acquires a clock carried by a message sent at step `from`. */
  acquireClock(c: VClock, from: number, t: Task, stepping: boolean): void {
    join(this.clocks[t.id]!, c);
    this.edge(from, t, stepping);
  }

  /** `to` acquires everything `from` has done (join; a rendezvous). */
  handoff(from: Task, to: Task, stepping: boolean): void {
    join(this.clocks[to.id]!, this.clocks[from.id]!);
    this.edge(this.step, to, stepping);
  }

  /** `t` joins `target`, which has returned: all of its life happens before. */
  joined(target: Task, t: Task): void {
    join(this.clocks[t.id]!, this.clocks[target.id]!);
    this.edge(this.lastStep?.[target.id] ?? 0, t, true);
  }

  /** Does event (w, epoch) happen before the current point of task u? */
  before(w: number, epoch: number, u: Task): boolean {
    return epoch <= (this.clocks[u.id]![w] ?? 0);
  }

  /** The current event of `t` (its own entry). */
  epoch(t: Task): number {
    return this.clocks[t.id]![t.id]!;
  }

  // --- shared variables ----------------------------------------------------

  /** Task `t`'s current step accesses `v`; reports races with earlier unordered accesses. */
  access(v: VarState, t: Task, kind: AccessKind): void {
    const me = t.id;
    const c = this.clocks[me]!;
    const epoch = c[me]!;
    const sink = this.sink;
    const w = v.writeTask;
    if (w >= 0 && w !== me && v.writeEpoch > (c[w] ?? 0) && sink !== null) {
      sink.race(v.name, fill(FIRST, w, v.writeEpoch, v.writeStep, v.writeTime, v.writeKind), this.ref(t, epoch, kind));
    }
    if (kind === READ) {
      v.readEpoch[me] = epoch;
      v.readStep[me] = this.step;
      v.readTime[me] = this.time;
      return;
    }
    const re = v.readEpoch;
    for (let r = 0; r < re.length; r++) {
      const e = re[r];
      if (e === undefined || e === 0 || r === me) continue;
      if (e > (c[r] ?? 0) && sink !== null) {
        sink.race(v.name, fill(FIRST, r, e, v.readStep[r]!, v.readTime[r]!, READ), this.ref(t, epoch, kind));
      }
      re[r] = 0;
    }
    re[me] = 0;
    v.writeTask = me;
    v.writeEpoch = epoch;
    v.writeStep = this.step;
    v.writeTime = this.time;
    v.writeKind = kind;
  }

  /** Task `t`'s current step is an event on `log` that conflicts with every other event on it (a print). */
  event(log: EventLog, t: Task): void {
    const me = t.id;
    const c = this.clocks[me]!;
    const epoch = c[me]!;
    const le = log.epoch;
    if (this.sink !== null) {
      for (let w = 0; w < le.length; w++) {
        const e = le[w]!;
        if (e === 0 || w === me) continue;
        if (e > (c[w] ?? 0)) {
          this.sink.unordered(
            log.name,
            fill(FIRST, w, e, log.step[w]!, log.time[w]!, WRITE),
            this.ref(t, epoch, WRITE),
          );
        }
      }
    }
    // Keep the log's arrays packed: a task seen for the first time gets zeros up to its id.
    while (le.length <= me) {
      le.push(0);
      log.step.push(0);
      log.time.push(0);
    }
    le[me] = epoch;
    log.step[me] = this.step;
    log.time[me] = this.time;
  }

  private ref(t: Task, epoch: number, kind: AccessKind): EventRef {
    return fill(SECOND, t.id, epoch, this.step, this.time, kind);
  }

  private edge(from: number, t: Task, stepping: boolean): void {
    if (this.edges === undefined || from <= 0) return;
    if (stepping) this.edges.push(from, this.step);
    else this.pendingEdge![t.id] = from;
  }
}

/** into := max(into, from), entry by entry; `into` stays packed (zeros fill any gap). */
export function join(into: VClock, from: VClock): void {
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (f !== undefined && f > (into[i] ?? 0)) {
      while (into.length < i) into.push(0);
      into[i] = f;
    }
  }
}
