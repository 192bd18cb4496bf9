import type { ExploreOptions } from '../options.js';
import { STRATEGIES } from '../options.js';
import type { StrategyName } from '../explore/strategy.js';
import type { Exploration } from '../report/report.js';
import { summaryLine } from '../report/text.js';
import { FORMATS, render, type Format } from '../report/index.js';
import { SHOWN_OUTCOMES } from '../report/view.js';
import { ReportWriter } from '../report/write.js';
import { OptionError } from '../errors.js';
import { parseCount, parseDuration, parseJitter, parseProbability, parseSeed, parseWhole } from './args.js';
import type { Io } from './io.js';
import { IsolatedSession } from '../isolate/session.js';
import { exploreSafetyFlags, parseLimits, parseSafety, type SafetyArgs } from './safety-flags.js';
import { parseShard } from '../parallel/options.js';

export interface ExploreArgs extends SafetyArgs {
  files: string[];
  strategy?: string;
  seed?: string;
  maxExecutions?: string;
  timeBudget?: string;
  maxSteps?: string;
  waitForTasks?: boolean;
  scenario?: string;
  format: string;
  quiet?: boolean;
  workers?: string;
  shard?: string;
  /** The reports directory; false with --no-out. */
  out?: string | false;
  untilConfident?: string;
  depth?: string;
  preemptions?: string;
  jitter?: string;
  minimize?: string;
}

export const exploreFlags = {
  strategy: { type: 'string', choices: STRATEGIES.filter((s) => s !== 'replay'), describe: 'how to explore: every schedule up to equivalence (dpor), every schedule, a seeded random sample, or pct (priority-based sampling)', default: 'dpor' },
  seed: { type: 'string', describe: 'seed of the random and pct strategies (0 to 4294967295) [default: 1]' },
  depth: { type: 'string', describe: 'pct: bug depth d, the number of ordering constraints a bug needs (d − 1 priority change points) [default: 3]' },
  preemptions: { type: 'string', describe: 'exhaustive: only schedules with at most k preemptions (context switches away from a task that could go on)' },
  jitter: { type: 'string', describe: 'imprecise timers: sleep(ms) ends anywhere in [ms·(1−j), ms·(1+j)], 0 ≤ j < 1 [default: 0]' },
  minimize: { type: 'string', describe: 'executions per outcome spent shrinking a finding\'s schedule to the fewest preemptions; 0: off [default: 2000]' },
  'max-executions': { type: 'string', describe: 'stop after this many executions [default: 100000 exhaustive, 1000 random]' },
  'time-budget': { type: 'string', describe: 'stop after this much real time: 500ms, 10s, 2m' },
  'max-steps': { type: 'string', describe: 'steps after which an execution ends with step-limit [default: 10000]' },
  'wait-for-tasks': { type: 'boolean', describe: 'run the other tasks out after main returns' },
  scenario: { type: 'string', describe: 'only the scenario with this name' },
  format: { type: 'string', choices: FORMATS, default: 'text', describe: 'on stdout: text for people, json for tools (one object per line), md, html' },
  out: { type: 'string', default: 'reports', describe: 'write <scenario>.json, .md and .html into this directory; --no-out or --out "" writes none' },
  'until-confident': { type: 'string', describe: 'random: sample until the chance of an unseen outcome (Good–Turing) is below p, e.g. 0.01, or a bound is hit' },
  quiet: { type: 'boolean', describe: 'nothing on stderr but errors: no progress, no note of the reports written' },
  workers: { type: 'string', describe: 'worker threads to split the search over (same result as 1) [default: 1]' },
  shard: { type: 'string', describe: 'explore only shard i of n (i/n), for a CI matrix; join the JSON reports with interleave merge' },
  ...exploreSafetyFlags,
} as const;

/** `interleave explore <files..>`: exit 1 when any scenario has a finding. */
export async function exploreCommand(args: ExploreArgs, io: Io): Promise<number> {
  const base: ExploreOptions = { strategy: (args.strategy ?? 'dpor') as StrategyName };
  const seed = parseSeed(args.seed);
  const maxExecutions = parseCount(args.maxExecutions, '--max-executions');
  const timeBudget = parseDuration(args.timeBudget, '--time-budget');
  const maxSteps = parseCount(args.maxSteps, '--max-steps');
  if (seed !== undefined) base.seed = seed;
  if (maxExecutions !== undefined) base.maxExecutions = maxExecutions;
  if (timeBudget !== undefined) base.timeBudget = timeBudget;
  if (maxSteps !== undefined) base.maxSteps = maxSteps;
  if (args.waitForTasks === true) base.waitForTasks = true;
  const workers = parseCount(args.workers, '--workers');
  if (workers !== undefined) base.workers = workers;
  if (args.shard !== undefined) base.shard = parseShard(args.shard);
  const depth = parseCount(args.depth, '--depth');
  if (depth !== undefined) base.depth = depth;
  const preemptions = parseWhole(args.preemptions, '--preemptions');
  if (preemptions !== undefined) base.preemptions = preemptions;
  const jitter = parseJitter(args.jitter);
  if (jitter !== undefined) base.jitter = jitter;
  const minimize = parseWhole(args.minimize, '--minimize');
  if (minimize !== undefined) base.minimize = minimize;
  const untilConfident = parseProbability(args.untilConfident, '--until-confident');
  if (untilConfident !== undefined) base.untilConfident = untilConfident;
  const format = args.format as Format;
  const outDir = args.out === false ? '' : (args.out ?? 'reports');
  // The HTML view draws the timelines of the outcomes it shows: record just those.
  if (outDir !== '' || format === 'html') base.traceOutcomes = SHOWN_OUTCOMES;
  Object.assign(base, parseSafety(args));
  const limits = parseLimits(args);
  // Each scenario runs in a worker thread under a watchdog (src/isolate): a hang or an exhausted heap is an outcome, not a frozen or crashed CLI.
  const session = await IsolatedSession.open(args.files, args.scenario, limits);
  const scenarios = session.scenarios;
  if (format === 'html' && scenarios.length > 1) {
    throw new OptionError(
      `--format html prints one page, and ${scenarios.length} scenarios were selected; pick one with --scenario, or read the pages --out writes`,
    );
  }
  const writer = outDir === '' ? undefined : await ReportWriter.open(outDir);
  const written: string[] = [];
  const results: Exploration[] = [];
  for (const target of scenarios) {
    if (io.signal.aborted) break;
    const progress = io.progress(target.name, args.quiet === true);
    const r = await session.explore(target, { ...base, signal: io.signal, onProgress: progress.update });
    progress.done();
    results.push(r);
    if (format === 'json') io.out(render(r, format));
    else io.out(`${results.length > 1 ? '\n' : ''}${render(r, format, { color: io.color })}`);
    if (writer !== undefined) written.push(await writer.write(r));
  }
  session.close();
  if (format === 'text' && results.length > 1) io.out(`\n${summaryLine(results)}`);
  if (written.length > 0 && args.quiet !== true) {
    io.err(
      written.length === 1
        ? `interleave: report written to ${written[0]}.html (and .md, .json)`
        : `interleave: ${written.length} reports written to ${writer!.dir} (<scenario>.html, .md and .json each)`,
    );
  }
  return results.some((r) => r.findings.length > 0) ? 1 : 0;
}
