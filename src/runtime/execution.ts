import { Clock } from './clock.js';
import type { Operation } from './resource.js';
import { callerSite, userSite } from './source.js';
import { HappensBefore, type ConcurrencySink } from './hb.js';
import { DepLog } from './deps.js';
import { startTask, taskOnStack, type TaskHost } from './identity.js';
import { MAX_TASKS, moveCode } from './move.js';
import { DONE, PENDING, RUNNING, Task } from './task.js';
import type { ExecutionResult, Panic, ResultKind, TraceStep, Violation } from './result.js';
import {
  ALT,
  BEAT,
  CHOICE0,
  CHOICES,
  EXECUTION,
  FIRING,
  IN_EXECUTION,
  probe,
  probeSpawn,
  STEP,
  TASK,
} from './probe.js';
import { normalise } from './value.js';
import { watch, unwatch, type Watched } from './watchdog.js';

export type { ExecutionResult, Panic, ResultKind, TraceStep, Violation } from './result.js';

/** Asked at every choice point; see explore/strategy.ts. */
export interface Chooser {
  /**
   * Picks one of `count` enabled moves (`exec.enabled[0..count)`, tasks in id
   * order). Returns its index, or -1 to abandon the execution as redundant.
   */
  choose(count: number, exec: Execution): number;
  /**
   * Also asked at steps with a single enabled move (count 1), where it may
   * only answer 0, or -1 to abandon the execution (a reduction's sleep set);
   * such steps are not choice points and stay out of the schedule.
   */
  readonly forcedSteps?: boolean;
  /** Record what each step touches (see deps.ts); the log is shared by every execution of the strategy. */
  readonly depKeys?: Map<string, number>;
}

export interface ExecutionConfig {
  maxSteps: number;
  waitForTasks: boolean;
  /** Record a step-by-step trace with source lines (slow; for replay and reports). */
  trace: boolean;
  /**
   * Record the happens-before clock of every step and the step of every
   * output line (ExecutionResult.clocks), as `trace` does, but without the
   * trace and its source lines, which cost a stack capture per step.
   */
  clocks?: boolean;
  /**
   * End the execution right after step `haltAfter` has taken effect, before
   * its task is resumed: a hang's description re-runs up to the step whose
   * task then never returned, with that step's own effects (a print) kept.
   */
  haltAfter?: number;
  /**
   * Track happens-before and tell this sink about unsynchronized conflicting
   * events (races, unordered prints). Tracing tracks happens-before too, for
   * the trace's synchronization edges, with or without a sink.
   */
  analysis?: ConcurrencySink | null;
}

/**
 * Given to a stray call after the execution ended: a promise that never
 * settles. A new one each time, not one shared: a task awaiting a shared one
 * would stay on its list of reactions, with its execution, for good.
 */
const never = (): Promise<never> => new Promise(() => {});

/**
 * Steps are queued with `RESOLVED.then(step)`, not `queueMicrotask(step)`:
 * both put one job at the end of the same V8 microtask queue, so the order of
 * everything is the same, but Node's queueMicrotask also allocates an
 * AsyncResource and a bound function per call, which made it one of the
 * largest costs of a step.
 */
const RESOLVED: Promise<void> = Promise.resolve();

// Capturing resolvers through one shared executor avoids a closure per pause.
let capturedResolve: (value: unknown) => void = () => {};
let capturedReject: (reason: unknown) => void = () => {};
function capture(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * One execution of a scenario under one schedule.
 *
 * There is no loop: a step is taken in a microtask as soon as every task has
 * paused (at a scheduling operation) or returned, and the step resumes exactly
 * one task. A whole execution therefore runs in microtasks, with no macrotask
 * and no allocation per step beyond the promise the task awaits.
 */
export class Execution implements Watched, TaskHost<Task> {
  readonly tasks: Task[] = [];
  /** Enabled moves of the current step; only the first `count` entries are valid. */
  readonly enabled: Task[] = [];
  /** Alternative of each enabled move (parallel to `enabled`). */
  readonly enabledAlt: number[] = [];
  readonly clock = new Clock();
  readonly output: string[] = [];
  readonly choices: number[] = [];
  readonly violations: Violation[] = [];
  readonly trace: TraceStep[] | undefined;
  /** With tracing: the step of each output line. */
  readonly printSteps: number[] | undefined;
  /** Vector clocks, when analysing or tracing; null keeps every hook to one test. */
  readonly hb: HappensBefore | null;
  /** What each step touched, when a reduction asks; null keeps every hook to one test. */
  readonly deps: DepLog | null;
  steps = 0;
  /** See ExecutionConfig.haltAfter (0: never). */
  private readonly haltAfter: number;
  /** The config's and the chooser's settings read at every step, kept in fields of their own. */
  private readonly maxSteps: number;
  private readonly forcedSteps: boolean;
  /** The task that took the last step (null before the first); see explore/preemption.ts. */
  get lastStepTask(): Task | null {
    return this.lastStepped;
  }
  /** Rolling hash of the steps taken (see ExecutionResult.fingerprint). */
  fingerprint = 0;
  ended = false;
  /** Names of primitives created so far, per kind, for labels like wg#2; created on first use. */
  private counters: Map<string, number> | undefined;
  private running = 0;
  private current!: Task;
  private lastStepped: Task | null = null;
  private stepQueued = false;
  /** The task whose function go() is running synchronously, up to its first await (see spawn). */
  private spawning: Task | null = null;
  /** Inside an operation's fire(), where user code (update's function) may run. */
  private firing = false;
  private mainDone = false;
  private mainValue: unknown = null;
  private panic: Panic | undefined;
  private deadlock: string[] | undefined;
  private stepLimit: string | undefined;
  private abortError: unknown;
  private aborted = false;
  private redundant = false;
  private resolveRun!: (r: ExecutionResult | null) => void;
  private rejectRun!: (e: unknown) => void;
  // The watchdog's list of executions in flight (see watchdog.ts).
  watchPrev: Watched | null = null;
  watchNext: Watched | null = null;
  watched = false;

  constructor(
    private readonly config: ExecutionConfig,
    private readonly chooser: Chooser,
  ) {
    this.trace = config.trace ? [] : undefined;
    const clocks = config.trace || config.clocks === true;
    this.printSteps = clocks ? [] : undefined;
    const sink = config.analysis ?? null;
    this.hb = sink !== null || clocks ? new HappensBefore(sink, clocks) : null;
    this.deps = chooser.depKeys !== undefined ? new DepLog(chooser.depKeys) : null;
    this.haltAfter = config.haltAfter ?? 0;
    this.maxSteps = config.maxSteps;
    this.forcedSteps = chooser.forcedSteps === true;
  }

  /**
   * Runs `main` to the end. Resolves to null when the chooser abandoned the
   * execution; rejects when the chooser threw (a schedule that does not fit).
   */
  run(main: () => unknown): Promise<ExecutionResult | null> {
    const done = new Promise(capture) as Promise<ExecutionResult | null>;
    this.resolveRun = capturedResolve;
    this.rejectRun = capturedReject;
    watch(this);
    const p = probe;
    if (p !== null) {
      p[BEAT]!++;
      p[EXECUTION]!++;
      p[STEP] = p[TASK] = p[CHOICES] = p[ALT] = 0;
      p[IN_EXECUTION] = 1;
    }
    this.spawn(main, 'main');
    return done;
  }

  get now(): number {
    return this.clock.now;
  }

  /** Next label for a primitive of `kind`: wg#1, wg#2, ... */
  nextLabel(kind: string): string {
    this.counters ??= new Map();
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${kind}#${n}`;
  }

  /** The task calling into the runtime right now. */
  currentTask(): Task {
    return this.current;
  }

  /** Starts a task and runs it synchronously up to its first scheduling operation. */
  spawn(fn: () => unknown, name?: string): Task {
    if (this.tasks.length >= MAX_TASKS) throw new Error(`more than ${MAX_TASKS} tasks in one execution`);
    const t = new Task(this.tasks.length, name ?? `task${this.tasks.length}`);
    this.tasks.push(t);
    if (this.ended) return t;
    const parent = this.tasks.length > 1 ? this.current : undefined;
    if (this.hb !== null) this.hb.spawn(t.id, parent);
    if (this.deps !== null) this.deps.spawnedBy[t.id] = this.steps;
    this.current = t;
    this.running++;
    const outer = this.spawning;
    this.spawning = t;
    const p = probe;
    if (p !== null) probeSpawn(p, t.id, t.name);
    startTask(t.id, fn, this, t);
    this.spawning = outer;
    if (parent !== undefined) {
      this.current = parent;
      if (p !== null) p[TASK] = parent.id;
    }
    return t;
  }

  /**
   * Pauses the calling task before `op` takes effect. The returned promise is
   * what the task awaits; it settles in the step that takes the operation.
   * `task`, when given, is the task to pause, already known to be running
   * (another task's io promise awaited: the await calls `then` a microtask
   * later, outside the task's code; see sync/io.ts).
   */
  pause(op: Operation, code: number, arg: unknown, due = 0, task?: Task): Promise<unknown> {
    if (this.ended) return never();
    if (this.firing)
      throw new Error(
        'a scheduling operation cannot be called inside update(fn) or io(name, fn): the function runs inside a step',
      );
    const t = task ?? this.caller();
    if (t === null) return never();
    t.op = op;
    t.opCode = code;
    t.arg = arg;
    t.due = due;
    t.released = false;
    t.state = PENDING;
    if (this.trace !== undefined) t.site = callerSite();
    const p = new Promise(capture);
    t.resolve = capturedResolve;
    t.reject = capturedReject;
    if (--this.running === 0) this.queueStep();
    return p;
  }

  /** The current step touches `o` (a release that takes effect inside the step: unlock, wg.done ...). */
  touch(o: unknown, write = true): void {
    if (this.deps !== null) this.deps.touch(o, write);
  }

  /** Records a failed assertion; the task goes on. */
  violation(message: string): void {
    if (this.ended) return;
    const v: Violation = { task: this.current.name, message };
    const site = callerSite();
    if (site !== undefined) v.site = site;
    this.violations.push(v);
  }

  /** Called when the watchdog saw the microtask queue drain while this execution was unfinished. */
  stalled(): void {
    if (this.ended) return;
    const stuck = this.tasks.filter((t) => t.state === RUNNING);
    const t = stuck[0] ?? this.current;
    this.endWithPanic({
      kind: 'uncontrolled-await',
      task: t.name,
      message:
        `task ${t.name} awaited something interleave does not control (a real timer, real I/O, ` +
        `or a promise that no scheduling operation settles) after ${describeLast(t)}`,
    });
  }

  // --- internals -----------------------------------------------------------

  // Which task is calling. When the current task is the only one executing
  // JavaScript, it is. It also is while go() runs its function up to its
  // first await: the parent waits inside go() and every other task at an
  // await, so nothing else can run (and the stack would name the same task:
  // its starter is the innermost). That is every task's first operation in
  // most scenarios, so it must not cost a stack capture. Otherwise (a task
  // started by go() awaited a plain promise before its first operation, or a
  // task calls again without awaiting) the stack says which task's code is
  // running; see identity.ts.
  private caller(): Task | null {
    const c = this.current;
    if (c.state === RUNNING && (this.running === 1 || c === this.spawning)) return c;
    const id = taskOnStack();
    let t: Task | undefined = id >= 0 && id < this.tasks.length ? this.tasks[id] : undefined;
    if (t === undefined) {
      // Code not linked to its task by awaits (a .then callback): the current task, or the one running.
      t = c.state === RUNNING ? c : (this.tasks.find((x) => x.state === RUNNING) ?? c);
    }
    if (t.state === RUNNING) {
      this.current = t;
      return t;
    }
    const site = callerSite();
    const message =
      t.state === PENDING
        ? `task ${t.name} started a scheduling operation while \`${t.op!.describe(t)}\` was still pending: a missing \`await\``
        : `task ${t.name} started a scheduling operation after it returned: a missing \`await\` left it running`;
    this.endWithPanic({ kind: 'missing-await', task: t.name, message, ...(site !== undefined ? { site } : {}) });
    return null;
  }

  // The step runs two microtask jobs after the last task paused, not one: a
  // task that paused without awaiting and then returned has by then been seen
  // returning (its starter resumes one job after the return), so a missing
  // await at a task's end is reported in every schedule, never only in those
  // where the dangling operation happened to be picked first.
  private queueStep(): void {
    if (this.stepQueued) return;
    this.stepQueued = true;
    void RESOLVED.then(this.hop);
  }

  private readonly hop = (): void => {
    void RESOLVED.then(this.step);
  };

  // One step: pick an enabled move, let it take effect, resume its task. Runs
  // as a microtask so that the task that paused last has reached its await.
  private readonly step = (): void => {
    this.stepQueued = false;
    if (this.ended || this.running > 0) return;
    let n = this.collectEnabled();
    let due = 0;
    if (n === 0) {
      due = this.clock.earliest(this.tasks);
      if (due === Infinity) {
        this.endDeadlock();
        return;
      }
    }
    if (this.steps >= this.maxSteps) {
      // Checked before the clock moves: the step that would move it is not taken.
      this.stepLimit = `step limit ${this.maxSteps} reached; tasks: ${this.describeTasks()}`;
      this.end();
      return;
    }
    if (n === 0) {
      this.clock.now = due;
      n = this.collectEnabled();
    }
    const p = probe;
    let i = 0;
    if (n > 1 || this.forcedSteps) {
      try {
        i = this.chooser.choose(n, this);
      } catch (e) {
        this.aborted = true;
        this.abortError = e;
        this.end();
        return;
      }
      if (i < 0) {
        this.redundant = true;
        this.end();
        return;
      }
      if (n > 1) {
        const code = moveCode(this.enabled[i]!.id, this.enabledAlt[i]!);
        if (p !== null) {
          const k = this.choices.length;
          if (CHOICE0 + k < p.length) p[CHOICE0 + k] = code;
          p[CHOICES] = k + 1;
        }
        this.choices.push(code);
      }
    }
    this.steps++;
    const t = this.enabled[i]!;
    const alt = this.enabledAlt[i]!;
    const op = t.op!;
    // Integer arithmetic only: this runs at every step.
    let h = Math.imul(this.fingerprint ^ t.id, 0x9e3779b1);
    h = Math.imul(h ^ t.opCode ^ (alt << 8) ^ (n << 18), 0x85ebca6b);
    this.fingerprint = h ^ (h >>> 13);
    if (p !== null) {
      p[BEAT]!++;
      p[STEP] = this.steps;
      p[TASK] = t.id;
      p[ALT] = alt;
    }
    if (this.trace !== undefined) {
      const s: TraceStep = {
        step: this.steps,
        time: this.clock.now,
        task: t.name,
        op: op.describe(t, alt),
        enabled: n,
      };
      if (t.site !== undefined) s.site = t.site;
      this.trace.push(s);
    }
    const hb = this.hb;
    if (hb !== null) hb.tick(t, this.steps, this.clock.now);
    const deps = this.deps;
    if (deps !== null) {
      deps.begin(this.steps, t.id, alt, this.clock.now);
      if (op.local !== true) deps.touch(op.object ?? op, op.readOnly === undefined || !op.readOnly(t));
    }
    t.lastOp = op;
    t.lastCode = t.opCode;
    t.lastArg = t.arg;
    t.lastDue = t.due;
    t.op = null;
    t.state = RUNNING;
    this.running++;
    this.current = this.lastStepped = t;
    const resolve = t.resolve!;
    const reject = t.reject!;
    t.resolve = t.reject = null;
    let value: unknown;
    this.firing = true;
    // The operation itself may run the scenario's code (update's function, io's): a hang there is inside the step.
    if (p !== null) p[FIRING] = 1;
    try {
      value = op.fire(t, alt);
    } catch (e) {
      this.firing = false;
      if (p !== null) p[FIRING] = 0;
      reject(e);
      return;
    }
    this.firing = false;
    if (p !== null) p[FIRING] = 0;
    if (hb !== null) hb.fired(t);
    if (this.steps === this.haltAfter) {
      this.end();
      return;
    }
    resolve(value);
  };

  private collectEnabled(): number {
    const tasks = this.tasks;
    const en = this.enabled;
    const alts = this.enabledAlt;
    let n = 0;
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i]!;
      if (t.state !== PENDING) continue;
      const op = t.op!;
      if (!op.enabled(t)) continue;
      const k = op.alternatives === undefined ? 1 : op.alternatives(t);
      for (let a = 0; a < k; a++) {
        en[n] = t;
        alts[n++] = a;
      }
    }
    return n;
  }

  /** The task's function returned (called by its starter, see identity.ts). */
  taskReturned(t: Task, value: unknown): void {
    if (this.ended) return;
    if (t.state === PENDING) {
      // It returned while an operation it started was never awaited.
      this.endWithPanic({
        kind: 'missing-await',
        task: t.name,
        message: `task ${t.name} returned while \`${t.op!.describe(t)}\` was still pending: a missing \`await\``,
        ...(t.site !== undefined ? { site: t.site } : {}),
      });
      return;
    }
    t.state = DONE;
    t.result = value;
    this.running--;
    if (this.deps !== null) this.deps.touch(t, true);
    if (t.id === 0) {
      this.mainDone = true;
      this.mainValue = value;
      if (!this.config.waitForTasks || this.allDone()) {
        if (this.deps !== null) this.deps.endStep = this.steps;
        this.end();
        return;
      }
    } else if (this.mainDone && this.allDone()) {
      this.end();
      return;
    }
    if (this.running === 0) this.queueStep();
  }

  /** The task's function threw. */
  taskThrew(t: Task, e: unknown): void {
    if (this.ended) return;
    // It ended, abnormally: not one of the `unfinished`.
    t.state = DONE;
    const message = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
    const site = e instanceof Error ? userSite(e.stack) : undefined;
    this.endWithPanic({ kind: 'exception', task: t.name, message, ...(site !== undefined ? { site } : {}) });
  }

  private allDone(): boolean {
    for (const t of this.tasks) if (t.state !== DONE) return false;
    return true;
  }

  private endWithPanic(p: Panic): void {
    if (this.ended) return;
    this.panic = p;
    this.end();
  }

  private endDeadlock(): void {
    this.deadlock = this.tasks.filter((t) => t.state === PENDING).map((t) => `${t.name} waits: ${t.op!.describe(t)}`);
    this.end();
  }

  private describeTasks(): string {
    return this.tasks
      .filter((t) => t.state !== DONE)
      .map((t) => `${t.name} ${t.state === PENDING ? `at ${t.op!.describe(t)}` : 'running'}`)
      .join(', ');
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    if (probe !== null) probe[IN_EXECUTION] = 0;
    const deps = this.deps;
    if (deps !== null) {
      deps.mainReturned = this.mainDone;
      for (const t of this.tasks) {
        if (t.state !== PENDING) continue;
        const op = t.op!;
        deps.pendingAtEnd(
          t.id,
          op.enabled(t),
          op.local === true ? null : (op.object ?? op),
          op.readOnly === undefined || !op.readOnly(t),
        );
      }
    }
    unwatch(this);
    if (this.aborted) {
      this.rejectRun(this.abortError);
      return;
    }
    this.resolveRun(this.redundant ? null : this.result());
  }

  private result(): ExecutionResult {
    const unfinished: string[] = [];
    for (let i = 1; i < this.tasks.length; i++) {
      const t = this.tasks[i]!;
      if (t.state !== DONE) unfinished.push(t.name);
    }
    unfinished.sort();
    let value: unknown = null;
    let panic = this.panic;
    if (this.mainDone && panic === undefined) {
      try {
        value = normalise(this.mainValue);
      } catch (e) {
        panic = {
          kind: 'exception',
          task: 'main',
          message: `main returned a value that is not JSON-serialisable: ${(e as Error).message}`,
        };
      }
    }
    const result: ResultKind =
      panic !== undefined
        ? 'panic'
        : this.deadlock !== undefined
          ? 'deadlock'
          : this.stepLimit !== undefined
            ? 'step-limit'
            : this.violations.length > 0
              ? 'violation'
              : 'ok';
    const r: ExecutionResult = {
      output: this.output,
      value,
      result,
      unfinished,
      steps: this.steps,
      time: this.clock.now,
      choices: this.choices,
      violations: this.violations,
      fingerprint: this.fingerprint,
    };
    if (panic !== undefined) r.panic = panic;
    if (this.deadlock !== undefined) r.deadlock = this.deadlock;
    if (this.stepLimit !== undefined) r.stepLimit = this.stepLimit;
    if (this.deps !== null) r.deps = this.deps;
    if (this.trace !== undefined) {
      const edges = this.hb!.edges!;
      for (let i = 0; i < edges.length; i += 2) {
        const s = this.trace[edges[i + 1]! - 1];
        if (s !== undefined) (s.sync ??= []).push(edges[i]!);
      }
      r.trace = this.trace;
    }
    if (this.printSteps !== undefined) {
      r.clocks = { steps: this.hb!.stepClocks!, tasks: this.hb!.stepTasks!, prints: this.printSteps };
    }
    return r;
  }
}

/** The last operation that took effect in `t`, for stall reports. */
function describeLast(t: Task): string {
  if (t.lastOp === null) return 'its start';
  return `\`${t.lastOp.describe({ opCode: t.lastCode, arg: t.lastArg, due: t.lastDue })}\``;
}
