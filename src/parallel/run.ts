import { performance } from 'node:perf_hooks';
import { enrich, runOnce, tracedRun, type RawExploration, type StopReason } from '../explore/explore.js';
import { minimizeOutcomes } from '../explore/minimize.js';
import { analyseConcurrency } from '../analysis/events.js';
import type { ResolvedOptions } from '../options.js';
import { findings } from '../analysis/findings.js';
import { buildReport, type Exploration, type ShardInfo } from '../report/report.js';
import type { Scenario } from '../runtime/scenario.js';
import { runJob, type Job, type JobOptions, type JobResult } from './jobs.js';
import { mergeLogs } from './logs.js';
import { mergeRaw, type Rank } from './merge.js';
import type { LogState } from '../analysis/concurrency.js';
import type { ParallelOptions } from './options.js';
import { WorkerPool } from './pool.js';
import { chunks, shardPrefixes, shardRange, splitTree, SUBTREES_PER_PART } from './split.js';

/**
 * Jobs per worker: a few, so that a slow one does not leave the other
 * workers idle at the end, but not many, since each job pays the
 * per-exploration work (determinism checks, analysis) once.
 */
const JOBS_PER_WORKER = 4;

export interface SplitResult {
  raw: RawExploration;
  /** For a shard: what the report records for `merge`. */
  shard?: ShardInfo;
}

/**
 * Explores a scenario split into jobs — subtrees of the exhaustive search or
 * ranges of a random sample — run by worker threads or one after another,
 * and merges them into what a single run records: the same outcomes, counts
 * and first schedules. With `shard`, only that shard's jobs run.
 */
export async function exploreSplit(
  scenario: Scenario,
  opts: ResolvedOptions,
  par: ParallelOptions,
): Promise<SplitResult> {
  const start = performance.now();
  const parts = par.shard?.count ?? par.workers;
  // The worker threads start (load interleave and the scenario file) while this thread splits the search.
  // This thread runs jobs too, so n workers are this thread and n - 1 worker threads.
  const pool = par.workers > 1 ? new WorkerPool(opts.file!, scenario.name, par.workers - 1) : undefined;
  try {
    return await split(scenario, opts, par, parts, start, pool);
  } finally {
    await pool?.destroy();
  }
}

async function split(
  scenario: Scenario,
  opts: ResolvedOptions,
  par: ParallelOptions,
  parts: number,
  start: number,
  pool: WorkerPool | undefined,
): Promise<SplitResult> {
  let jobs: Job[];
  let shard: ShardInfo | undefined;
  if (opts.strategy === 'exhaustive') {
    const split = await splitTree(scenario, opts, SUBTREES_PER_PART * parts);
    const prefixes = par.shard === undefined ? split.prefixes : shardPrefixes(split, par.shard);
    // One job in this thread; with workers, a few per worker, each a run of neighbouring subtrees.
    jobs = chunks(0, prefixes.length, par.workers === 1 ? 1 : par.workers * JOBS_PER_WORKER).map(([a, b]) => ({
      kind: 'subtrees',
      prefixes: prefixes.slice(a, b),
    }));
    if (par.shard !== undefined) shard = { ...par.shard, depth: split.depth, subtrees: split.prefixes.length };
  } else {
    const total = opts.maxExecutions;
    const [from, to] = par.shard === undefined ? [0, total] : shardRange(total, par.shard);
    jobs = chunks(from, to, par.workers === 1 ? 1 : par.workers * JOBS_PER_WORKER).map(([a, b]) => ({
      kind: 'range',
      from: a,
      to: b,
    }));
    if (par.shard !== undefined) shard = { ...par.shard, range: [from, to], total };
  }
  const jobOptions: JobOptions = {
    // One count of executions for all the jobs, whichever thread runs them: the bound holds for the whole run.
    ...(opts.strategy === 'exhaustive' ? { budget: new Int32Array(new SharedArrayBuffer(4)) } : {}),
    strategy: opts.strategy as 'exhaustive' | 'random',
    seed: opts.seed,
    maxSteps: opts.maxSteps,
    waitForTasks: opts.waitForTasks,
    maxExecutions: opts.maxExecutions,
    timeBudget: opts.timeBudget,
    jitter: opts.jitter,
    checkDeterminism: opts.checkDeterminism,
    maxOutcomes: opts.maxOutcomes,
  };
  // Lane 0 is this thread; the others send their jobs to the pool. When a job
  // fails, the run fails: this thread's job stops too, rather than run on unseen.
  const failed = new AbortController();
  const signal = opts.signal !== undefined ? AbortSignal.any([opts.signal, failed.signal]) : failed.signal;
  const exec = (o: JobOptions, j: Job, lane: number): Promise<JobResult> =>
    lane === 0 || pool === undefined
      ? runJob(scenario, o, j, signal)
      : pool.run(o, j).catch((e: unknown) => {
          failed.abort();
          throw e;
        });
  const done = await runAll(jobs, par.workers, jobOptions, exec, opts, start);
  const rank = opts.strategy === 'exhaustive' ? 'schedule' : 'execution';
  const raw = mergeRaw(done.parts, rank, performance.now() - start, opts.maxOutcomes);
  const logs = done.parts.flatMap((p) => (p.logState !== undefined ? [p.logState] : []));
  if (done.stopped !== undefined) {
    raw.complete = false;
    raw.stopReason = done.stopped;
  } else if (opts.strategy === 'random') {
    // A sample is never complete, even a shard's empty range of one.
    raw.complete = false;
    raw.stopReason ??= 'max-executions';
  }
  if (shard !== undefined) {
    // A shard's findings are its own; merge derives the whole run's from the shards' logs.
    if (opts.strategy === 'random') shard.firstExecutions = raw.outcomes.map((o) => o.firstExecution);
    shard.log = mergeLogs(logs, rank).exportState();
  }
  await finish(scenario, opts, raw, logs, rank);
  raw.elapsedMs = performance.now() - start;
  return shard === undefined ? { raw } : { raw, shard };
}

/**
 * What a single run does once its executions are done, done once for the
 * merged parts, in the same order: the schedules of failing outcomes
 * minimized, traces and missing sites filled in, and the happens-before
 * analysis of the whole run from the parts' logs.
 */
export async function finish(
  scenario: Scenario,
  opts: ResolvedOptions,
  raw: RawExploration,
  logs: readonly LogState[],
  rank: Rank,
): Promise<void> {
  const plain = { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, trace: false };
  if (opts.signal?.aborted !== true) {
    await minimizeOutcomes(raw.outcomes, opts.minimize, (s) => runOnce(scenario, plain, s));
  }
  const tracedRuns = await enrich(scenario, opts, raw.outcomes);
  if (logs.length === 0) return;
  raw.analysis = await analyseConcurrency(
    mergeLogs(logs, rank),
    raw.outcomes,
    async (choices, full) => tracedRuns.get(choices) ?? tracedRun(scenario, opts, choices, full),
  );
}

interface Done {
  /** The results of the jobs that ran, in job order. */
  parts: JobResult[];
  /** Why jobs were left unrun. */
  stopped: StopReason | undefined;
}

/**
 * Runs `jobs` with `lanes` of them in flight, the bounds checked between jobs:
 * exhaustive jobs count their executions in one shared budget and stop when
 * it is spent, a job gets the time left, and none starts once either is
 * spent or the run is interrupted. In one lane, subtrees run in depth-first
 * order, so a bounded run does exactly the executions of a single one.
 */
async function runAll(
  jobs: readonly Job[],
  lanes: number,
  base: JobOptions,
  exec: (o: JobOptions, job: Job, lane: number) => Promise<JobResult>,
  opts: ResolvedOptions,
  start: number,
): Promise<Done> {
  const results: (JobResult | undefined)[] = new Array<JobResult | undefined>(jobs.length);
  let next = 0;
  let executions = 0;
  let outcomes = 0;
  let stopped: StopReason | undefined;
  let failed = false;
  const why = (): StopReason | undefined => {
    if (opts.signal?.aborted === true) return 'interrupted';
    if (base.budget !== undefined && Atomics.load(base.budget, 0) >= base.maxExecutions) return 'max-executions';
    if (performance.now() - start >= base.timeBudget) return 'time-budget';
    return undefined;
  };
  const lane = async (_: unknown, id: number): Promise<void> => {
    while (next < jobs.length && !failed) {
      const reason = why();
      if (reason !== undefined) {
        stopped ??= reason;
        return;
      }
      const i = next++;
      const o = { ...base, timeBudget: base.timeBudget - (performance.now() - start) };
      try {
        results[i] = await exec(o, jobs[i]!, id);
      } catch (e) {
        failed = true;
        throw e;
      }
      executions += results[i]!.executions;
      outcomes += results[i]!.outcomes.length;
      opts.onProgress?.({ executions, outcomes, elapsedMs: performance.now() - start });
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, jobs.length) }, lane));
  const parts = results.filter((r): r is JobResult => r !== undefined);
  return { parts, stopped: parts.length < jobs.length ? (stopped ?? 'interrupted') : undefined };
}

/** explore() for a split run: the report of a single run, with `shard` for a shard. */
export async function exploreParallel(
  scenario: Scenario,
  opts: ResolvedOptions,
  par: ParallelOptions,
): Promise<Exploration> {
  const { raw, shard } = await exploreSplit(scenario, opts, par);
  const report = buildReport(scenario.name, opts, raw, findings(raw.outcomes, raw.analysis));
  if (shard !== undefined) report.shard = shard;
  return report;
}
