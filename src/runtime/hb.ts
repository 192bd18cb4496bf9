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
 * allocates one matrix of clocks per execution (grown by doubling as tasks
 * are spawned), one array per synchronizing object and per event that must
 * be remembered (a channel's messages), never per plain step.
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

/** Tasks a new monitor has room for before its clock matrix grows. */
const INITIAL_WIDTH = 4;

export class HappensBefore {
  /**
   * The tasks' vector clocks, one row each, in one array: task t's entry for
   * task u is `vc[t * width + u]`. Rows are `width` long (a power of two, at
   * least the number of tasks); entries of tasks not yet spawned are 0. One
   * array instead of one per task: spawning copies a row and a step
   * increments one entry, with no allocation and no array growing.
   */
  private vc: number[];
  private width = INITIAL_WIDTH;
  /** Tasks spawned so far: rows 0..tasks-1 are in use. */
  private tasks = 0;
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
    // INITIAL_WIDTH² zeros; a literal is the cheapest array to make.
    this.vc = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    this.edges = trace ? [] : undefined;
    this.stepClocks = trace ? [] : undefined;
    this.stepTasks = trace ? [] : undefined;
    this.pendingEdge = trace ? [] : undefined;
    this.lastStep = trace ? [] : undefined;
  }

  /** A task is created; `parent` is the spawning task, or undefined for main. Ids come in order: 0, 1, 2 ... */
  spawn(child: number, parent: Task | undefined): void {
    if (child >= this.width) this.widen(child + 1);
    this.tasks = child + 1;
    if (parent === undefined) return; // its row is all zeros
    const vc = this.vc;
    const w = this.width;
    const from = parent.id * w;
    const to = child * w;
    // The child starts with the parent's past; its own entry is 0 (the parent has not seen it).
    for (let i = 0; i < child; i++) vc[to + i] = vc[from + i]!;
    // The child's first event follows the parent's step that spawned it.
    if (this.pendingEdge !== undefined) this.pendingEdge[child] = this.step;
    // Events of the parent after go() are not before the child's.
    vc[from + parent.id]!++;
  }

  /** Task `t` takes a step: a new event of its own. */
  tick(t: Task, step: number, time: number): void {
    this.step = step;
    this.time = time;
    this.vc[t.id * (this.width + 1)]!++;
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
      this.stepClocks[this.step] = this.snapshot(t);
      this.stepTasks![this.step] = t.id;
    }
  }

  /** `t` releases into `s`: everything `t` did so far happens before whoever acquires `s`. */
  release(s: SyncClock, t: Task): void {
    if (s.clock === null) s.clock = this.snapshot(t);
    else {
      const into = s.clock;
      const vc = this.vc;
      const row = t.id * this.width;
      for (let i = 0; i < this.tasks; i++) {
        const f = vc[row + i]!;
        if (f > (into[i] ?? 0)) into[i] = f;
      }
    }
    s.step = this.step;
  }

  /**
   * `t` acquires `s`. When `t` is not the stepping task (a partner whose
   * operation another task completed), the edge lands on `t`'s next step.
   */
  acquire(s: SyncClock, t: Task, stepping: boolean): void {
    if (s.clock === null) return;
    this.joinInto(t, s.clock);
    this.edge(s.step, t, stepping);
  }

  /** A copy of `t`'s clock now: what a message carries from its sender. */
  snapshot(t: Task): VClock {
    const c: VClock = [];
    const vc = this.vc;
    const row = t.id * this.width;
    for (let i = 0; i < this.tasks; i++) c.push(vc[row + i]!);
    return c;
  }

  /** `t` acquires a clock carried by a message sent at step `from`. */
  acquireClock(c: VClock, from: number, t: Task, stepping: boolean): void {
    this.joinInto(t, c);
    this.edge(from, t, stepping);
  }

  /** `to` acquires everything `from` has done (join; a rendezvous). */
  handoff(from: Task, to: Task, stepping: boolean): void {
    this.joinRows(to, from);
    this.edge(this.step, to, stepping);
  }

  /** `t` joins `target`, which has returned: all of its life happens before. */
  joined(target: Task, t: Task): void {
    this.joinRows(t, target);
    this.edge(this.lastStep?.[target.id] ?? 0, t, true);
  }

  /** Does event (w, epoch) happen before the current point of task u? */
  before(w: number, epoch: number, u: Task): boolean {
    return epoch <= this.vc[u.id * this.width + w]!;
  }

  /** The current event of `t` (its own entry). */
  epoch(t: Task): number {
    return this.vc[t.id * (this.width + 1)]!;
  }

  // --- shared variables ----------------------------------------------------

  /** Task `t`'s current step accesses `v`; reports races with earlier unordered accesses. */
  access(v: VarState, t: Task, kind: AccessKind): void {
    const me = t.id;
    const vc = this.vc;
    const row = me * this.width;
    const epoch = vc[row + me]!;
    const sink = this.sink;
    const w = v.writeTask;
    if (w >= 0 && w !== me && v.writeEpoch > vc[row + w]! && sink !== null) {
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
      if (e > vc[row + r]! && sink !== null) {
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
    const vc = this.vc;
    const row = me * this.width;
    const epoch = vc[row + me]!;
    const le = log.epoch;
    if (this.sink !== null) {
      for (let w = 0; w < le.length; w++) {
        const e = le[w]!;
        if (e === 0 || w === me) continue;
        if (e > vc[row + w]!) {
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

  /** t's row := max(t's row, c), entry by entry. */
  private joinInto(t: Task, c: VClock): void {
    const vc = this.vc;
    const row = t.id * this.width;
    for (let i = 0; i < c.length; i++) {
      const f = c[i];
      if (f !== undefined && f > vc[row + i]!) vc[row + i] = f;
    }
  }

  /** into's row := max(into's row, from's row). */
  private joinRows(into: Task, from: Task): void {
    const vc = this.vc;
    const a = into.id * this.width;
    const b = from.id * this.width;
    for (let i = 0; i < this.tasks; i++) if (vc[b + i]! > vc[a + i]!) vc[a + i] = vc[b + i]!;
  }

  /** Makes rows at least `tasks` long (doubling), keeping every clock. */
  private widen(tasks: number): void {
    let w = this.width;
    while (w < tasks) w *= 2;
    const vc = new Array<number>(w * w).fill(0);
    const old = this.vc;
    const ow = this.width;
    for (let t = 0; t < this.tasks; t++) for (let u = 0; u < this.tasks; u++) vc[t * w + u] = old[t * ow + u]!;
    this.vc = vc;
    this.width = w;
  }
}

/** into := max(into, from), entry by entry. */
export function join(into: VClock, from: VClock): void {
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (f !== undefined && f > (into[i] ?? 0)) into[i] = f;
  }
}
