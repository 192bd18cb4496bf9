/**
 * `interleave/fast-check`: (a) schedules as a fast-check arbitrary, so a
 * property drives the scheduler and fast-check shrinks the schedule; (b)
 * exploration inside a property over generated inputs, so the reported
 * counterexample is the smallest input, with the failing outcome's schedule
 * for it.
 */
import fc from 'fast-check';
import { explore, type ReplayResult } from '../api.js';
import type { FindingKind } from '../analysis/findings.js';
import { runOnce } from '../explore/explore.js';
import { guardThisThread, IN_THREAD_STEP_TIMEOUT } from '../isolate/guard.js';
import { encodeSchedule } from '../explore/schedule.js';
import type { Strategy } from '../explore/strategy.js';
import { resolveOptions, type ExploreOptions } from '../options.js';
import { replayCommand, type Exploration, type Outcome } from '../report/report.js';
import type { Scenario } from '../runtime/scenario.js';
import { capped, completeness, decisiveSteps, describeOutcomes, outcomeLines } from './describe.js';

/** Picks are whole numbers below this: a pick is a position in [0, 1) in units of 1/PICK_RANGE. */
export const PICK_RANGE = 0x10000;

/**
 * Follows generated picks: at choice point i, of `count` enabled moves (in
 * task order), the move at position picks[i] / PICK_RANGE, i.e.
 * floor(picks[i] · count / PICK_RANGE); past the end of the picks, the first
 * move. Every move is equally likely, and a smaller pick never means a
 * later move — unlike `picks[i] mod count`, whose shrinking stalls when the
 * halved number lands on another move — so as fast-check shrinks the picks
 * (fewer, then smaller), the schedule shrinks towards running the lowest
 * task first, with only the departures the failure needs.
 */
class PicksStrategy implements Strategy {
  readonly name = 'replay' as const;
  exhausted = false;
  private d = 0;

  constructor(private readonly picks: readonly number[]) {}

  begin(): boolean {
    if (this.exhausted) return false;
    this.d = 0;
    return true;
  }

  choose(count: number): number {
    const p = this.picks[this.d++];
    return p === undefined ? 0 : Math.floor((Math.min(Math.max(p, 0), PICK_RANGE - 1) * count) / PICK_RANGE);
  }

  end(): void {
    this.exhausted = true;
  }
}

/** Options of scheduleArbitrary. */
export interface ScheduleArbitraryOptions {
  /**
   * Choice points the generated picks cover; later ones take the first move.
   * @default 64
   */
  maxLength?: number;
}

/**
 * Generated schedules: arrays of picks, one per choice point, each a whole
 * number below PICK_RANGE that stands for a position among the moves
 * enabled there (see PicksStrategy). Run one with `runScheduled`;
 * fast-check shrinks a failing one to few, small picks.
 *
 * @example
 * await fc.assert(fc.asyncProperty(scheduleArbitrary(), async (picks) => {
 *   const run = await runScheduled(scenario, picks);
 *   assertRunOk(run);
 * }));
 */
export function scheduleArbitrary(options: ScheduleArbitraryOptions = {}): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: PICK_RANGE - 1 }), { maxLength: options.maxLength ?? 64 });
}

/** One execution under generated picks, as replay() returns it: its schedule string and replay command included. */
export type ScheduledRun = ReplayResult & { scenario: Scenario; options: ExploreOptions };

/** Runs `scenario` once under `picks` (see scheduleArbitrary). */
export async function runScheduled(
  scenario: Scenario,
  picks: readonly number[],
  options: ExploreOptions = {},
): Promise<ScheduledRun> {
  const opts = resolveOptions(scenario, { ...options, strategy: 'exhaustive' });
  const strategy = new PicksStrategy(picks);
  strategy.begin();
  // In this thread: a task stuck in synchronous code ends the process with a message (see guard.ts), rather than freezing it.
  guardThisThread(IN_THREAD_STEP_TIMEOUT, scenario.name);
  const r = await runOnce(
    scenario,
    { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, trace: true },
    strategy,
  );
  strategy.end();
  if (r === null) throw new Error('runScheduled: the execution was abandoned');
  const schedule = encodeSchedule(r.choices);
  return { ...r, schedule, replay: replayCommand(scenario.name, opts, schedule), scenario, options };
}

/** An exploration or a run that broke what a property asked of it; the message says how and how to replay it. */
export class InterleavePropertyError extends Error {
  readonly code = 'INTERLEAVE_PROPERTY';
  constructor(message: string) {
    super(message);
    this.name = 'InterleavePropertyError';
  }
}

/**
 * Throws an InterleavePropertyError when the run did not end `ok` (a panic,
 * deadlock, violation or step limit), with its output, the steps around its
 * decisive choices and its replay command.
 */
export function assertRunOk(run: ScheduledRun): void {
  if (run.result === 'ok') return;
  const lines = [
    `the run of "${run.scenario.name}" under schedule ${run.schedule} ended with ${run.result}`,
    ...outcomeLines({ ...run, count: 1, schedule: run.schedule, replay: run.replay } as Outcome).map((l) => `  ${l}`),
  ];
  if (run.trace !== undefined && run.trace.length > 0) {
    lines.push('  steps around the decisive choices:', ...decisiveSteps(run.trace).map((l) => `    ${l}`));
  }
  lines.push(`  replay: ${run.replay}`, `  in code: replay(scenario, { schedule: '${run.schedule}' })`);
  throw new InterleavePropertyError(lines.join('\n'));
}

/**
 * A property over generated schedules of one scenario: each run must end
 * `ok` (or pass `check`, which may throw or return false).
 *
 * @example
 * await fc.assert(scheduleProperty(scenario, undefined, { file: 'scenarios/x.ts' }));
 */
export function scheduleProperty(
  scenario: Scenario,
  check: (run: ScheduledRun) => unknown = assertRunOk,
  options: ExploreOptions & ScheduleArbitraryOptions = {},
): fc.IAsyncPropertyWithHooks<[number[]]> {
  const { maxLength, ...exploreOptions } = options;
  return fc.asyncProperty(scheduleArbitrary(maxLength !== undefined ? { maxLength } : {}), async (picks) => {
    const run = await runScheduled(scenario, picks, exploreOptions);
    if ((await check(run)) === false) {
      throw new InterleavePropertyError(
        `the check returned false for the run under schedule ${run.schedule}\n  replay: ${run.replay}`,
      );
    }
  });
}

/** Options of assertNoFindings and exploreProperty. */
export interface FindingCheckOptions {
  /**
   * Finding kinds that are fine.
   * @default ['ordering']
   */
  allow?: readonly FindingKind[];
}

/**
 * Throws an InterleavePropertyError when the exploration has a finding
 * other than the allowed ones, describing the outcomes that show them:
 * result, output, schedule (the first found, depth-first: the one closest to
 * running tasks in id order), the steps around its decisive choices and the
 * replay command. Pass the scenario to get the steps.
 */
export async function assertNoFindings(
  r: Exploration,
  options: FindingCheckOptions & { scenario?: Scenario; exploreOptions?: ExploreOptions } = {},
): Promise<void> {
  const allow = options.allow ?? ['ordering'];
  const bad = r.findings.filter((f) => !allow.includes(f.kind));
  if (bad.length === 0) return;
  const indices = [...new Set(bad.map((f) => f.outcome).filter((i): i is number => i !== undefined))];
  const note = completeness(r);
  const lines = [
    `exploring "${r.scenario.name}" found ${bad.length} finding${bad.length === 1 ? '' : 's'}${note !== undefined ? ` ${note}` : ''}:`,
    ...capped(
      bad.map((f) => `  ${f.kind}: ${f.message}`),
      5,
      'findings',
    ),
    ...(await describeOutcomes(
      r,
      indices.map((i) => r.outcomes[i]!),
      { scenario: options.scenario, options: options.exploreOptions ?? {} },
    )),
  ];
  if (options.scenario !== undefined && indices.length > 0) {
    lines.push('', `in code: replay(scenario, { schedule: '${r.outcomes[indices[0]!]!.schedule}' })`);
  }
  throw new InterleavePropertyError(lines.join('\n'));
}

/** What exploreProperty's factory returns: a scenario, or a scenario and explore() options. */
export type GeneratedScenario = Scenario | readonly [Scenario, ExploreOptions];

/**
 * A property over generated inputs: for each input, explores the scenario
 * `make(input)` builds, and fails when the exploration has a finding other
 * than the allowed ones (or `check` throws or returns false). fast-check
 * shrinks to the smallest failing input; the error for it names the
 * outcome, its schedule, the decisive steps and how to replay it.
 *
 * @example
 * await fc.assert(exploreProperty(fc.integer({ min: 1, max: 4 }), (n) => limiterScenario({ requests: n, limit: 1 })));
 */
export function exploreProperty<T>(
  arb: fc.Arbitrary<T>,
  make: (input: T) => GeneratedScenario,
  options: FindingCheckOptions & { check?: (r: Exploration, input: T) => unknown } = {},
): fc.IAsyncPropertyWithHooks<[T]> {
  return fc.asyncProperty(arb, async (input) => {
    const made = make(input);
    const [scenario, exploreOptions] = Array.isArray(made)
      ? (made as readonly [Scenario, ExploreOptions])
      : [made as Scenario, {}];
    guardThisThread(IN_THREAD_STEP_TIMEOUT, scenario.name);
    const r = await explore(scenario, exploreOptions);
    await assertNoFindings(r, { ...options, scenario, exploreOptions });
    if (options.check !== undefined && (await options.check(r, input)) === false) {
      throw new InterleavePropertyError(`the check returned false for "${r.scenario.name}"`);
    }
  });
}
