/**
 * What crosses between the main thread and an isolation worker (see
 * run-worker.ts): the job, as plain data, and the messages the worker posts
 * back. Errors cross as data and are rebuilt with their class and code, so
 * the CLI reports a load error from a worker exactly as its own.
 */
import { InterleaveError, NondeterminismError, OptionError, ScenarioLoadError, ScheduleError } from '../errors.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import type { ExploreOptions, Progress } from '../options.js';
import type { Exploration } from '../report/report.js';
import type { TraceStep } from '../runtime/result.js';
import type { ScenarioOptions } from '../runtime/scenario.js';
import type { ReplayResult } from '../api.js';

/** explore() and replay() options that can cross to a worker: no callbacks, no signal. */
export type PlainOptions = Omit<ExploreOptions, 'onProgress' | 'signal' | 'onOutcome'>;

/** A worker loads these files and lists their scenarios (load errors surface here), then takes requests. */
export interface Job {
  kind: 'session';
  files: string[];
  /** A file that does not load is reported (`unloadable`) and the next one loaded, instead of ending the list with an error. */
  keepGoing?: boolean;
}

/** What the main thread asks of a session worker, one request at a time. */
export type Request =
  | { kind: 'explore'; file: string; scenario: string; options: PlainOptions }
  | { kind: 'replay'; file: string; scenario: string; options: PlainOptions & ({ schedule: string } | { seed: number }) }
  /** Re-run a stopped execution up to just before the step that never ended, to name what it was doing. */
  | {
      kind: 'describe';
      file: string;
      scenario: string;
      options: PlainOptions;
      choices: number[];
      steps: number;
      task: number;
      alt: number;
      /** The hang was inside the step's operation (io's or update's function): describe up to the step before. */
      firing: boolean;
    };

export interface WorkerInput {
  job: Job;
  /** The progress record (runtime/probe.ts) the watchdog reads. */
  probe: Int32Array;
}

export interface Listed {
  name: string;
  file: string;
  selectByName: boolean;
  description?: string;
}

/** What a describe job found: the state just before the step that hung. */
export interface Described {
  output: string[];
  time: number;
  /** Name of the task, when it existed then. */
  task?: string;
  /** Its operation the step took (or `its start`). */
  lastOp?: string;
  /** Source line of that operation. */
  site?: string;
  unfinished: string[];
  /** The steps before it. */
  trace: TraceStep[];
}

export interface SerialisedError {
  name: string;
  code: string | undefined;
  message: string;
  stack: string | undefined;
  causeStack?: string;
}

export type Reply =
  | { type: 'loading'; file: string }
  | { type: 'listed'; scenarios: Listed[] }
  /** With `keepGoing`: the scenarios of this file, as it loads. */
  | { type: 'loaded'; file: string; scenarios: Listed[] }
  /** With `keepGoing`: this file did not load (the listing goes on). */
  | { type: 'unloadable'; file: string; error: SerialisedError }
  /** A scenario's exploration started: its own options, so the main thread can resolve the same options. */
  | { type: 'start'; scenarioOptions: ScenarioOptions | undefined }
  | { type: 'outcome'; record: OutcomeRecord }
  | { type: 'progress'; progress: Progress; counts: number[] }
  | { type: 'report'; report: Exploration }
  | { type: 'replayed'; result: ReplayResult }
  | { type: 'described'; described: Described }
  | { type: 'error'; error: SerialisedError };

export type Command =
  | { type: 'request'; request: Request }
  /** Stop the exploration in progress at its next execution boundary (it then reports). */
  | { type: 'abort' }
  | { type: 'close' };

export function serialise(e: unknown): SerialisedError {
  const err = e as Error & { cause?: unknown };
  const out: SerialisedError = {
    name: err?.name ?? 'Error',
    code: e instanceof InterleaveError ? e.code : undefined,
    message: err?.message ?? String(e),
    stack: err?.stack,
  };
  if (err?.cause instanceof Error && err.cause.stack !== undefined) out.causeStack = err.cause.stack;
  return out;
}

/** An error from a worker, rebuilt with its class and code. */
export function rebuild(e: SerialisedError): Error {
  let err: Error;
  if (e.code === undefined) err = new Error(e.message);
  else if (e.name === 'NondeterminismError') err = new NondeterminismError(e.message);
  else if (e.name === 'ScenarioLoadError') err = new ScenarioLoadError(e.message, e.code);
  else if (e.name === 'ScheduleError') err = new ScheduleError(e.message, e.code);
  else if (e.name === 'OptionError') err = new OptionError(e.message);
  else err = new InterleaveError(e.code, e.message);
  if (e.stack !== undefined) err.stack = e.stack;
  if (e.causeStack !== undefined) {
    const cause = new Error(e.causeStack.split('\n')[0]);
    cause.stack = e.causeStack;
    err.cause = cause;
  }
  return err;
}
