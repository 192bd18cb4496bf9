import { performance } from 'node:perf_hooks';
import { Execution, type ExecutionResult } from '../runtime/execution.js';
import type { Scenario } from '../runtime/scenario.js';
import { createRuntime } from '../sync/runtime.js';
import { SAMPLING, type Progress, type ResolvedOptions } from '../options.js';
import { Exhaustive } from './exhaustive.js';
import { OutcomeTable, type OutcomeRecord } from './outcomes.js';
import { RandomWalk } from './random.js';
import { Replay } from './replay.js';
import { decodeSchedule } from './schedule.js';
import type { Strategy } from './strategy.js';

/** Why an exploration stopped before its strategy was done; `confident`: --until-confident was met. */
export type StopReason = 'max-executions' | 'time-budget' | 'interrupted' | 'confident';

export interface RawExploration {
  outcomes: OutcomeRecord[];
  executions: number;
  redundant: number;
  /** Every schedule was explored. */
  complete: boolean;
  stopReason: StopReason | undefined;
  elapsedMs: number;
  steps: number;
}

export function createStrategy(opts: ResolvedOptions): Strategy {
  switch (opts.strategy) {
    case 'exhaustive':
      return new Exhaustive();
    case 'random':
      return new RandomWalk(opts.seed);
    case 'replay':
      return opts.schedule !== undefined ? new Replay(decodeSchedule(opts.schedule)) : new SingleRun(opts.seed);
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
  opts: Pick<ResolvedOptions, 'maxSteps' | 'waitForTasks' | 'trace'>,
  strategy: Strategy,
): Promise<ExecutionResult | null> {
  const exec = new Execution(
    { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, trace: opts.trace },
    strategy,
  );
  const rt = createRuntime(exec);
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
): Promise<RawExploration> {
  const table = new OutcomeTable();
  const config = { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, trace: false };
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
  for (;;) {
    if (executions >= opts.maxExecutions) {
      stopReason = 'max-executions';
      break;
    }
    if (!strategy.begin()) break;
    const r = await runOnce(scenario, config, strategy);
    strategy.end(r);
    if (r === null) {
      redundant++;
    } else {
      table.add(r, executions, strategy.runSeed);
      executions++;
      steps += r.steps;
      if (executions >= minConfident && table.singletons / executions < confident!) {
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
          if (sampling && executions > 0) p.unseenEstimate = table.singletons / executions;
          opts.onProgress(p);
        }
      }
    }
    if (opts.signal?.aborted === true) {
      stopReason = 'interrupted';
      break;
    }
  }
  const outcomes = table.sorted();
  await enrich(scenario, opts, outcomes);
  return {
    outcomes,
    executions,
    redundant,
    // A random sample is never complete: it cannot show that no other outcome exists.
    complete: strategy.exhausted,
    stopReason: strategy.exhausted ? undefined : stopReason,
    elapsedMs: performance.now() - start,
    steps,
  };
}

/**
 * Fills in what the fast exploration does not record, by replaying an
 * outcome's first schedule with tracing on (replays are exact): the source
 * line of a missing await found at a task's return and, with `trace`, the
 * step-by-step trace of every outcome (with `traceOutcomes: n`, of the first n).
 */
export async function enrich(scenario: Scenario, opts: ResolvedOptions, outcomes: OutcomeRecord[]): Promise<void> {
  for (const [i, o] of outcomes.entries()) {
    const needSite = o.panic?.kind === 'missing-await' && o.panic.site === undefined;
    const needTrace = opts.trace || i < opts.traceOutcomes;
    if (!needSite && !needTrace) continue;
    const replay = new Replay(o.choices);
    replay.begin();
    const r = await runOnce(scenario, { ...opts, trace: true }, replay);
    if (r === null) continue;
    if (needSite && r.panic?.site !== undefined) o.panic = { ...o.panic!, site: r.panic.site };
    if (needTrace && r.trace !== undefined) o.trace = r.trace;
  }
}
