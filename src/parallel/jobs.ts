import type { LogState } from '../analysis/concurrency.js';
import { runExploration, type RawExploration } from '../explore/explore.js';
import { RandomWalk } from '../explore/random.js';
import { resolveOptions } from '../options.js';
import type { Scenario } from '../runtime/scenario.js';
import { Subtrees } from './subtrees.js';

/** One piece of a split search: subtrees of the exhaustive search (in depth-first order), or a range of a random sample's executions. */
export type Job = { kind: 'subtrees'; prefixes: number[][] } | { kind: 'range'; from: number; to: number };

/** The options a job runs with, as they cross to a worker thread (plain data). */
export interface JobOptions {
  strategy: 'exhaustive' | 'random';
  seed: number;
  maxSteps: number;
  waitForTasks: boolean;
  /** The run's --max-executions (exhaustive; shared through `budget`); a range runs exactly its executions. */
  maxExecutions: number;
  /** Exhaustive: executions started by all jobs together ([0]), shared between threads. */
  budget?: Int32Array;
  /** Real time left, in ms; Infinity for none. */
  timeBudget: number;
  jitter: number;
  checkDeterminism: number;
  maxOutcomes: number;
}

/**
 * Runs one job in this thread. The records of a range carry their global
 * execution index (firstExecution), so that merged ranges rank outcomes as
 * one sample would.
 */
export async function runJob(scenario: Scenario, o: JobOptions, job: Job, signal?: AbortSignal): Promise<JobResult> {
  // Resolved afresh, not copied from the caller's: a job records no trace and reports no progress.
  const opts = resolveOptions(scenario, {
    strategy: o.strategy,
    seed: o.seed,
    maxSteps: o.maxSteps,
    waitForTasks: o.waitForTasks,
    maxExecutions: job.kind === 'range' ? job.to - job.from : o.maxExecutions,
    ...(Number.isFinite(o.timeBudget) ? { timeBudget: Math.max(1, o.timeBudget) } : {}),
    ...(signal !== undefined ? { signal } : {}),
    jitter: o.jitter,
    checkDeterminism: o.checkDeterminism,
    maxOutcomes: o.maxOutcomes,
    // Minimized once, for the merged outcomes (see run.ts finish).
    minimize: false,
  });
  // Not described here: the merged run is, once (see run.ts finish).
  const raw: JobResult =
    job.kind === 'subtrees'
      ? await runExploration(scenario, opts, new Subtrees(job.prefixes), false, o.budget)
      : await runExploration(scenario, opts, new RandomWalk(o.seed, job.from), false);
  if (job.kind === 'range') for (const rec of raw.outcomes) rec.firstExecution += job.from;
  // The job's own analysis is of a part; the log it came from is merged and analysed whole (see run.ts).
  if (raw.log !== undefined) raw.logState = raw.log.exportState();
  delete raw.log;
  delete raw.analysis;
  return raw;
}

/** A job's exploration as it crosses back to the main thread: plain data. */
export type JobResult = RawExploration & { logState?: LogState };
