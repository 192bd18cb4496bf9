import { findings } from './analysis/findings.js';
import { createStrategy, runExploration, runOnce } from './explore/explore.js';
import { encodeSchedule } from './explore/schedule.js';
import { CountPreemptions, markPreemptions } from './explore/minimize.js';
import { resolveOptions, type ExploreOptions } from './options.js';
import { buildReport, replayCommand, type Exploration } from './report/report.js';
import type { ExecutionResult } from './runtime/execution.js';
import type { Scenario } from './runtime/scenario.js';
import { ScenarioLoadError } from './errors.js';
import { resolveParallel } from './parallel/options.js';

function checkScenario(scenario: unknown): asserts scenario is Scenario {
  const s = scenario as Partial<Scenario> | null;
  if (s === null || typeof s !== 'object') {
    throw new ScenarioLoadError(`Expected a scenario object, got ${s === null ? 'null' : typeof s}`, 'INTERLEAVE_BAD_SCENARIO');
  }
  if (typeof s.name !== 'string' || s.name === '') {
    throw new ScenarioLoadError('Expected the scenario to have a non-empty string `name`', 'INTERLEAVE_BAD_SCENARIO');
  }
  if (typeof s.main !== 'function') {
    throw new ScenarioLoadError(
      `Expected \`main\` of scenario "${s.name}" to be a function, got ${typeof s.main}`,
      'INTERLEAVE_BAD_SCENARIO',
    );
  }
}

/**
 * Explores the interleavings of a scenario and reports every distinct outcome.
 *
 * Never throws because the scenario failed: panics, deadlocks and violations
 * are outcomes and findings in the result. Throws only on bad options or a
 * schedule that does not fit.
 *
 * @example
 * const result = await explore(workers, { strategy: 'exhaustive' });
 * result.outcomes.length; // 4
 * result.findings[0].kind; // 'ordering'
 */
export async function explore(scenario: Scenario, options: ExploreOptions = {}): Promise<Exploration> {
  checkScenario(scenario);
  const opts = resolveOptions(scenario, options);
  const split = resolveParallel(options, opts);
  if (split !== undefined) return (await import('./parallel/run.js')).exploreParallel(scenario, opts, split);
  const raw = await runExploration(scenario, opts);
  return buildReport(scenario.name, opts, raw, findings(raw.outcomes, raw.analysis));
}

/** One execution followed step by step. */
export interface ReplayResult extends ExecutionResult {
  /** The schedule the run took (the same as the one given, for a schedule replay). */
  schedule: string;
  /** The command line that replays it. */
  replay: string;
}

/**
 * Runs one execution of a scenario under a schedule string (or the seed of a
 * random execution) and returns its outcome with a step-by-step trace.
 *
 * @example
 * const run = await replay(workers, { schedule: '12' });
 * run.output; // ['Pam: doing my work...', 'Jim: doing my work...', ...]
 */
export async function replay(
  scenario: Scenario,
  options: ExploreOptions & ({ schedule: string } | { seed: number }),
): Promise<ReplayResult> {
  checkScenario(scenario);
  const opts = resolveOptions(scenario, { ...options, strategy: 'replay', trace: options.trace ?? true });
  const strategy = new CountPreemptions(createStrategy(opts));
  strategy.begin();
  const r = await runOnce(scenario, opts, strategy);
  strategy.end(r);
  if (r === null) throw new Error('replay: the execution was abandoned');
  if (r.trace !== undefined) markPreemptions(r.trace, strategy.counter.steps);
  const schedule = encodeSchedule(r.choices);
  // The vector clocks are the analysis's working data, not part of the result.
  const result: ExecutionResult = { ...r };
  delete result.clocks;
  return { ...result, schedule, replay: replayCommand(scenario.name, opts, schedule) };
}
