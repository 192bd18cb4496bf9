/** What one execution produced: the data the explore loop groups into outcomes. */

/** How an execution ended, in order of precedence. */
export type ResultKind = 'ok' | 'deadlock' | 'panic' | 'violation' | 'step-limit';

/** A task that threw, or misused the runtime (missing await, uncontrolled await). */
export interface Panic {
  kind: 'exception' | 'missing-await' | 'uncontrolled-await';
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
}
