import type { LogState } from '../analysis/concurrency.js';
import type { Finding } from '../analysis/findings.js';
import type { RawExploration, StopReason } from '../explore/explore.js';
import type { OtherOutcomes, OutcomeRecord } from '../explore/outcomes.js';
import { divergenceFinding } from '../analysis/nondeterminism.js';
import { encodeSchedule } from '../explore/schedule.js';
import type { StrategyName } from '../explore/strategy.js';
import type { Panic, ResultKind, TraceStep, Violation } from '../runtime/execution.js';
import { SAMPLING, type ResolvedOptions } from '../options.js';

/** Version of the report's shape; bumped on an incompatible change. */
export const REPORT_VERSION = 1;

/** One distinct outcome, as the report stores it. */
export interface Outcome {
  output: string[];
  value: unknown;
  result: ResultKind;
  unfinished: string[];
  count: number;
  /**
   * Schedule of the first execution with this outcome; for an outcome with a
   * finding, the schedule with the fewest preemptions found that gives it
   * (see `preemptions`, `firstSchedule`).
   */
  schedule: string;
  /** A command line that replays it. */
  replay: string;
  /** Outcomes with a finding: the preemptions of `schedule` (context switches away from a task that could have gone on). */
  preemptions?: number;
  /** The first execution's schedule, when minimization found one with fewer preemptions. */
  firstSchedule?: string;
  /** Seed of the first execution (random and pct strategies): `replay --seed` runs it. */
  seed?: number;
  /** pct: the estimate of k the first execution used; `replay --seed S --depth d --pct-steps K` runs it. */
  pctSteps?: number;
  steps: number;
  /** Virtual time at the end, in ms. */
  time: number;
  panic?: Panic;
  deadlock?: string[];
  stepLimit?: string;
  violations?: Violation[];
  /** Step by step, with `trace: true`. */
  trace?: TraceStep[];
}

/** The result of explore(): plain data, the JSON report line as it is. */
export interface Exploration {
  version: number;
  scenario: { name: string; file: string | null };
  strategy: StrategyName;
  seed: number;
  executions: number;
  /** Partial executions a reduction abandoned as redundant. */
  redundant: number;
  /** False when a bound (--max-executions, --time-budget, an interrupt) stopped the search, or for a sample. */
  complete: boolean;
  stopReason?: StopReason;
  elapsedMs: number;
  steps: number;
  /**
   * `untilConfident`: the --until-confident target, when one was set; `depth`
   * with pct; `preemptions` and `jitter` when set.
   */
  options: { maxSteps: number; waitForTasks: boolean; untilConfident?: number; depth?: number; preemptions?: number; jitter?: number };
  /**
   * Sampling strategies (random, pct): the Good–Turing estimate of the chance
   * that the next execution shows an outcome not seen yet, = (outcomes seen
   * exactly once) / executions. Absent for exhaustive searches. Outcomes
   * beyond --max-outcomes count as seen once, which makes it an upper bound.
   */
  unseenEstimate?: number;
  outcomes: Outcome[];
  /**
   * Executions whose outcome was not kept, beyond `maxOutcomes` distinct
   * outcomes: how many distinct outcomes (`count`) and executions.
   */
  otherOutcomes?: OtherOutcomes;
  /** More than one outcome. */
  orderingDependent: boolean;
  findings: Finding[];
  /** Present on the report of one shard (`--shard i/n`): what `interleave merge` needs to join the shards. */
  shard?: ShardInfo;
}

/** How a shard's part of the search was cut, so that merge can check that the shards fit together. */
export interface ShardInfo {
  /** This shard, from 1, of `count`. */
  index: number;
  count: number;
  /** Exhaustive: the depth at which the choice tree was cut, and the subtrees of all shards together. */
  depth?: number;
  subtrees?: number;
  /** Random: this shard's executions, [from, to) of `total`. */
  range?: [number, number];
  total?: number;
  /** Random: the index of each outcome's first execution in the whole sample (parallel to `outcomes`). */
  firstExecutions?: number[];
  /** The shard's happens-before observations, from which merge derives the race and timing findings of the whole run. */
  log?: LogState;
}

/** Quotes a shell word only when it needs it. */
export function shellWord(s: string): string {
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that replays one schedule of the scenario. */
export function replayCommand(
  scenario: string,
  opts: ReplayCommandOptions,
  schedule: string,
): string {
  const [before, after] = replayCommandParts(scenario, opts);
  return `${before}${schedule === '-' ? '--schedule=-' : `--schedule ${schedule}`}${after}`;
}

type ReplayCommandOptions = Pick<
  ResolvedOptions,
  'file' | 'selectByName' | 'maxSteps' | 'waitForTasks' | 'scenarioMaxSteps' | 'scenarioWaitForTasks'
> & { jitter?: number };

/** The replay command before and after its `--schedule` option: the same for every outcome of a report. */
function replayCommandParts(scenario: string, opts: ReplayCommandOptions): [string, string] {
  const words = ['npx', 'interleave', 'replay', shellWord(opts.file ?? '<file>')];
  if (opts.selectByName || opts.file === undefined) words.push('--scenario', shellWord(scenario));
  const after: string[] = [];
  // Only options that differ from the scenario's own: replay reads those from the file.
  if (opts.maxSteps !== opts.scenarioMaxSteps) after.push(`--max-steps ${opts.maxSteps}`);
  if (opts.waitForTasks && !opts.scenarioWaitForTasks) after.push('--wait-for-tasks');
  // A jittered run's schedule picks sleep lengths, which exist only with the same jitter.
  if (opts.jitter !== undefined && opts.jitter > 0) after.push(`--jitter ${opts.jitter}`);
  return [`${words.join(' ')} `, after.map((w) => ` ${w}`).join('')];
}

export function buildReport(
  name: string,
  opts: ResolvedOptions,
  raw: RawExploration,
  found: Finding[],
): Exploration {
  const command = replayCommandParts(name, opts);
  const outcomes = raw.outcomes.map((o) => toOutcome(command, o));
  const report: Exploration = {
    version: REPORT_VERSION,
    scenario: { name, file: opts.file ?? null },
    strategy: opts.strategy,
    seed: opts.seed,
    executions: raw.executions,
    redundant: raw.redundant,
    complete: raw.complete,
    elapsedMs: Math.round(raw.elapsedMs * 100) / 100,
    steps: raw.steps,
    options: { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks },
    outcomes,
    orderingDependent: outcomes.length > 1,
    findings: found,
  };
  if (raw.stopReason !== undefined) report.stopReason = raw.stopReason;
  if (raw.otherOutcomes !== undefined) report.otherOutcomes = raw.otherOutcomes;
  // First: when the scenario does not replay, the rest of the report cannot be trusted.
  if (raw.divergence !== undefined) report.findings.unshift(divergenceFinding(raw.divergence));
  if (opts.untilConfident !== undefined) report.options.untilConfident = opts.untilConfident;
  if (opts.strategy === 'pct') report.options.depth = opts.depth;
  if (opts.preemptions !== Infinity) report.options.preemptions = opts.preemptions;
  if (opts.jitter > 0) report.options.jitter = opts.jitter;
  if (SAMPLING.includes(opts.strategy) && raw.executions > 0) {
    // Outcomes beyond --max-outcomes were only counted: each counts as seen once (an upper bound).
    const singletons = raw.outcomes.filter((o) => o.count === 1).length + (raw.otherOutcomes?.count ?? 0);
    report.unseenEstimate = singletons / raw.executions;
  }
  return report;
}

function toOutcome([before, after]: [string, string], o: OutcomeRecord): Outcome {
  const schedule = encodeSchedule(o.choices);
  const out: Outcome = {
    output: o.output,
    value: o.value,
    result: o.result,
    unfinished: o.unfinished,
    count: o.count,
    schedule,
    replay: `${before}${schedule === '-' ? '--schedule=-' : `--schedule ${schedule}`}${after}`,
    steps: o.steps,
    time: o.time,
  };
  if (o.preemptions !== undefined) out.preemptions = o.preemptions;
  if (o.firstChoices !== undefined) out.firstSchedule = encodeSchedule(o.firstChoices);
  if (o.seed !== undefined) out.seed = o.seed;
  if (o.pctSteps !== undefined) out.pctSteps = o.pctSteps;
  if (o.panic !== undefined) out.panic = o.panic;
  if (o.deadlock !== undefined) out.deadlock = o.deadlock;
  if (o.stepLimit !== undefined) out.stepLimit = o.stepLimit;
  if (o.violations.length > 0) out.violations = o.violations;
  if (o.trace !== undefined) out.trace = o.trace;
  return out;
}
