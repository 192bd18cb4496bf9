/** What one execution produced: the data the explore loop groups into outcomes. */

/**
 * How an execution ended, in order of precedence: panic, hang, out-of-memory,
 * deadlock, step-limit, violation, ok. `hang` and `out-of-memory` come only
 * from an isolated exploration (src/isolate), whose watchdog stopped the run.
 */
export type ResultKind = 'ok' | 'deadlock' | 'panic' | 'violation' | 'step-limit' | 'hang' | 'out-of-memory';

/**
 * A task that threw, or misused the runtime (missing await, uncontrolled
 * await), or — in an isolated exploration — ran synchronous code for longer
 * than the step timeout (`hang`) or exhausted the heap (`out-of-memory`).
 */
export interface Panic {
  kind: 'exception' | 'missing-await' | 'uncontrolled-await' | 'hang' | 'out-of-memory';
  task: string;
  message: string;
  /** `file:line` of the user's code, when known. */
  site?: string;
}

export interface Violation {
  task: string;
  message: string;
  site?: string;
}

/** One step of a traced execution. */
export interface TraceStep {
  step: number;
  time: number;
  task: string;
  op: string;
  /** How many moves were enabled; more than one makes the step a choice point. */
  enabled: number;
  site?: string;
  /** Earlier steps this one synchronizes with (unlock → lock, send → recv, done → wait, go, join). */
  sync?: number[];
  /** A preemption: the task that took the previous step could have gone on, and this one was picked instead. */
  preemption?: true;
}

/** Happens-before of a traced execution, indexed by step number (1-based). */
export interface StepClocks {
  /** The stepping task's vector clock after the step's operation took effect. */
  steps: number[][];
  /** The stepping task's id. */
  tasks: number[];
  /** The step of each output line. */
  prints: number[];
}

export interface ExecutionResult {
  output: string[];
  /** main's return value, JSON-normalised; undefined is null. */
  value: unknown;
  result: ResultKind;
  /** Sorted names of the tasks other than main that had not returned. */
  unfinished: string[];
  steps: number;
  /** Virtual time at the end. */
  time: number;
  /** The move chosen at each choice point (see move.ts; the task id when alternative 0): the schedule. */
  choices: number[];
  panic?: Panic;
  /** What each blocked task waited on, when result is deadlock. */
  deadlock?: string[];
  /** State of every task when the step limit was reached. */
  stepLimit?: string;
  violations: Violation[];
  trace?: TraceStep[];
  /** With tracing. */
  clocks?: StepClocks;
  /** What each step touched, when the strategy asked (ExecutionConfig.deps). */
  deps?: import('./deps.js').DepLog;
  /**
   * A hash of the steps (task, operation code, alternative, number of enabled
   * moves at each step): the same schedule must give the same fingerprint,
   * or the scenario is not deterministic. Always set by an execution.
   */
  fingerprint?: number;
}
