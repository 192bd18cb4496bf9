import { performance } from 'node:perf_hooks';
import { ConcurrencyLog } from '../analysis/concurrency.js';
import type { ConcurrencySink } from '../runtime/hb.js';
import { analyseConcurrency, type ConcurrencyAnalysis } from '../analysis/events.js';
import { Execution, type ExecutionResult } from '../runtime/execution.js';
import type { Scenario } from '../runtime/scenario.js';
import { createRuntime } from '../sync/runtime.js';
import { SAMPLING, type Progress, type ResolvedOptions } from '../options.js';
import { NondeterminismError } from '../errors.js';
import { AnalysisMemo } from './analysis-memo.js';
import { DeterminismCheck, type Divergence } from './determinism.js';
import { Dpor } from './dpor.js';
import { Exhaustive } from './exhaustive.js';
import { OutcomeTable, type OtherOutcomes, type OutcomeRecord } from './outcomes.js';
import { CountPreemptions, markPreemptions, minimizeOutcomes } from './minimize.js';
import { Pct } from './pct.js';
import { RandomWalk } from './random.js';
import { Replay } from './replay.js';
import { decodeSchedule } from './schedule.js';
import type { Strategy } from './strategy.js';

/**
 * The Good–Turing estimate so far: outcomes seen once / executions. Outcomes
 * beyond --max-outcomes are only counted, so each counts as seen once: an
 * upper bound, on the safe side for --until-confident.
 */
function unseen(table: OutcomeTable, executions: number): number {
  return (table.singletons + table.other.count) / executions;
}

/** Why an exploration stopped before its strategy was done; `confident`: --until-confident was met. */
export type StopReason =
  | 'max-executions'
  | 'time-budget'
  | 'interrupted'
  | 'confident'
  | 'nondeterministic'
  /** The preemption bound left schedules out (an exhaustive search with --preemptions). */
  | 'preemption-bound'
  /** An isolated run's watchdog stopped it (see src/isolate). */
  | 'hang'
  | 'out-of-memory';

export interface RawExploration {
  outcomes: OutcomeRecord[];
  executions: number;
  redundant: number;
  /** Every schedule was explored. */
  complete: boolean;
  stopReason: StopReason | undefined;
  elapsedMs: number;
  steps: number;
  /** Races, timing pairs and unordered output lines, for findings(). */
  analysis?: ConcurrencyAnalysis;
  /** What `analysis` was derived from, for split runs to merge (see parallel/logs.ts). */
  log?: ConcurrencyLog;
  /** A re-run under the same schedule differed (see determinism.ts). */
  divergence?: Divergence;
  /** Executions beyond `maxOutcomes` distinct outcomes, only counted. */
  otherOutcomes?: OtherOutcomes;
}

export function createStrategy(opts: ResolvedOptions): Strategy {
  switch (opts.strategy) {
    case 'exhaustive':
      return new Exhaustive([], opts.preemptions);
    case 'dpor':
      return new Dpor(opts.preemptions);
    case 'random':
      return new RandomWalk(opts.seed);
    case 'pct':
      return new Pct(opts.seed, opts.depth);
    case 'replay':
      if (opts.schedule !== undefined) return new Replay(decodeSchedule(opts.schedule));
      return opts.pctSteps !== undefined ? new SinglePct(opts.seed, opts.depth, opts.pctSteps) : new SingleRun(opts.seed);
  }
}

/** `replay --seed S --pct-steps K`: the one pct execution that ran with seed S and estimate K. */
class SinglePct extends Pct {
  private ran = false;
  constructor(seed: number, depth: number, steps: number) {
    // Execution 0 runs with the seed itself (seed.ts).
    super(seed, depth, 0, steps);
  }
  override begin(): boolean {
    if (this.ran) return false;
    this.ran = true;
    return super.begin();
  }
}

/** `replay --seed S`: the one random execution that ran with seed S. */
class SingleRun extends RandomWalk {
  private ran = false;
  override begin(): boolean {
    if (this.ran) return false;
    this.ran = true;
    return super.begin();
  }
}

/** Runs one execution of the scenario under `chooser`. */
export function runOnce(
  scenario: Scenario,
  opts: Pick<ResolvedOptions, 'maxSteps' | 'waitForTasks' | 'trace'> & {
    analysis?: ConcurrencySink | null;
    jitter?: number;
    clocks?: boolean;
  },
  strategy: Strategy,
): Promise<ExecutionResult | null> {
  const analysis = opts.analysis ?? null;
  const exec = new Execution(
    { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, trace: opts.trace, clocks: opts.clocks === true, analysis },
    strategy,
  );
  if (analysis instanceof ConcurrencyLog) analysis.begin(exec.tasks, exec.choices);
  const rt = createRuntime(exec, opts.jitter ?? 0);
  return exec.run(() => scenario.main(rt));
}

// Between executions, hand the event loop a turn this often, so signals,
// timers and progress output get through a long exploration.
const YIELD_EVERY_MS = 25;

/** The explore loop: runs executions until the strategy is done or a bound is hit. */
export async function runExploration(
  scenario: Scenario,
  opts: ResolvedOptions,
  strategy: Strategy = createStrategy(opts),
  /**
   * Whether to describe what was found (replays with a trace: missing-await
   * sites, traces, the race and timing events). A part of a split run does
   * not: the merged run is described once (see parallel/run.ts).
   */
  describe = true,
  /**
   * Executions started by every part of a split run ([0], shared between
   * threads): a part stops when the run's --max-executions are spent, whoever
   * spent them (see parallel/run.ts).
   */
  budget?: Int32Array,
): Promise<RawExploration> {
  const table = new OutcomeTable(opts.maxOutcomes);
  const log = new ConcurrencyLog();
  const config = { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, jitter: opts.jitter, trace: false, analysis: log };
  const start = performance.now();
  let lastYield = start;
  let executions = 0;
  let redundant = 0;
  let steps = 0;
  let stopReason: StopReason | undefined;
  const confident = opts.untilConfident;
  // Below 1/p executions a single new outcome is worth more than p: the estimate cannot say "below p" yet.
  const minConfident = confident === undefined ? Infinity : Math.ceil(1 / confident);
  const sampling = SAMPLING.includes(strategy.name);
  const plain = { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, jitter: opts.jitter, trace: false };
  const check = new DeterminismCheck(opts.checkDeterminism, (c, s) => runOnce(scenario, c, s), plain);
  const traced = { ...config, trace: true };
  // A sample meets the same executions again and again: each is analysed once (see analysis-memo.ts).
  const memo = sampling && opts.checkDeterminism > 0 ? new AnalysisMemo() : null;
  let divergence: Divergence | undefined;
  for (;;) {
    if (executions >= opts.maxExecutions) {
      stopReason = 'max-executions';
      break;
    }
    if (!strategy.begin()) break;
    if (budget !== undefined && Atomics.add(budget, 0, 1) >= opts.maxExecutions) {
      stopReason = 'max-executions';
      break;
    }
    let r: ExecutionResult | null;
    let rerun = false;
    try {
      // The first executions run with a trace, so that a re-run that differs names the step.
      const tracing = check.traced(executions);
      // Without the monitor (see analysis-memo.ts): a new schedule is re-run with it, below.
      const analysed = tracing || memo === null || memo.monitor();
      r = await runOnce(scenario, tracing ? traced : analysed ? config : plain, strategy);
      strategy.end(r);
      rerun = r !== null && memo !== null && memo.isNew(r) && !analysed;
    } catch (e) {
      if (!(e instanceof NondeterminismError)) throw e;
      divergence = { execution: executions, detail: e.message.replace(/^the scenario is not deterministic: /, '') };
      stopReason = 'nondeterministic';
      break;
    }
    if (r === null) {
      redundant++;
    } else {
      const known = table.size;
      table.add(r, executions, strategy.runSeed);
      if (table.size > known && strategy instanceof Pct) table.records[known]!.pctSteps = strategy.runSteps;
      executions++;
      steps += r.steps;
      if (table.size > known) opts.onOutcome?.(table.records[known]!);
      if (check.wants(executions - 1, table.size > known) && !(await check.after(r, executions - 1, table.size > known))) {
        stopReason = 'nondeterministic';
        break;
      }
      if (rerun) {
        const detail = await memo!.analyse(r, (replay) => runOnce(scenario, config, replay));
        if (detail !== undefined) {
          await check.diverged(executions - 1, r, detail);
          stopReason = 'nondeterministic';
          break;
        }
      }
      if (executions >= minConfident && unseen(table, executions) < confident!) {
        stopReason = 'confident';
        break;
      }
    }
    if (((executions + redundant) & 63) === 0) {
      const now = performance.now();
      if (now - start >= opts.timeBudget) {
        stopReason = 'time-budget';
        break;
      }
      if (now - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
        if (opts.onProgress !== undefined) {
          const p: Progress = { executions, outcomes: table.size, elapsedMs: lastYield - start };
          const searched = strategy.progress?.();
          if (searched !== undefined) p.searched = searched;
          if (sampling && executions > 0) p.unseenEstimate = unseen(table, executions);
          opts.onProgress(p);
        }
      }
    }
    if (opts.signal?.aborted === true) {
      stopReason = 'interrupted';
      break;
    }
  }
  if (opts.signal?.aborted !== true) await check.atEnd(executions);
  divergence ??= check.divergence;
  const outcomes = table.sorted();
  if (opts.signal?.aborted !== true) await minimizeOutcomes(outcomes, opts.minimize, (s) => runOnce(scenario, plain, s));
  let analysis: ConcurrencyAnalysis | undefined;
  if (describe) {
    const tracedRuns = await enrich(scenario, opts, outcomes);
    analysis = await analyseConcurrency(
      log,
      outcomes,
      async (choices, full) => tracedRuns.get(choices) ?? tracedRun(scenario, opts, choices, full),
    );
  }
  return {
    ...(analysis !== undefined ? { analysis } : {}),
    log,
    outcomes,
    executions,
    redundant,
    // A random sample is never complete: it cannot show that no other outcome exists.
    // Nor is a search of a scenario that does not replay: its counts cannot be trusted.
    complete: strategy.exhausted && strategy.boundHit !== true && divergence === undefined,
    stopReason:
      divergence !== undefined
        ? 'nondeterministic'
        : !strategy.exhausted
          ? stopReason
          : strategy.boundHit === true
            ? 'preemption-bound'
            : undefined,
    ...(divergence !== undefined ? { divergence } : {}),
    ...(table.other.executions > 0 ? { otherOutcomes: { ...table.other } } : {}),
    elapsedMs: performance.now() - start,
    steps,
  };
}

/**
 * Replays one schedule with tracing (and so happens-before) on; with `full`
 * false, only the happens-before clocks (no trace, no stack capture).
 */
export async function tracedRun(
  scenario: Scenario,
  opts: ResolvedOptions,
  choices: readonly number[],
  full = true,
): Promise<ExecutionResult | null> {
  const replay = new Replay(choices);
  replay.begin();
  try {
    return await runOnce(scenario, { ...opts, trace: full, clocks: true }, replay);
  } catch {
    return null; // a scenario that does not replay (nondeterministic): nothing to describe
  }
}

/**
 * Fills in what the fast exploration does not record, by replaying an
 * outcome's first schedule with tracing on (replays are exact): the source
 * line of a missing await found at a task's return and, with `trace`, the
 * step-by-step trace of every outcome (with `traceOutcomes: n`, of the first n).
 */
export async function enrich(
  scenario: Scenario,
  opts: ResolvedOptions,
  outcomes: OutcomeRecord[],
): Promise<Map<readonly number[], ExecutionResult>> {
  // The traced runs, by the outcome's schedule array: the analysis replays the same ones (see analyseConcurrency).
  const traced = new Map<readonly number[], ExecutionResult>();
  for (const [i, o] of outcomes.entries()) {
    const needSite = o.panic?.kind === 'missing-await' && o.panic.site === undefined;
    const needTrace = opts.trace || i < opts.traceOutcomes;
    if (!needSite && !needTrace) continue;
    const replay = new CountPreemptions(new Replay(o.choices));
    replay.begin();
    const r = await runOnce(scenario, { ...opts, trace: true }, replay);
    if (r === null) continue;
    traced.set(o.choices, r);
    if (needSite && r.panic?.site !== undefined) o.panic = { ...o.panic!, site: r.panic.site };
    if (needTrace && r.trace !== undefined) o.trace = markPreemptions(r.trace, replay.counter.steps);
  }
  return traced;
}
