import { explore } from '../api.js';
import type { ExploreOptions } from '../options.js';
import { STRATEGIES } from '../options.js';
import type { StrategyName } from '../explore/strategy.js';
import type { Exploration } from '../report/report.js';
import { renderText, summaryLine } from '../report/text.js';
import { parseCount, parseDuration, parseSeed } from './args.js';
import type { Io } from './io.js';
import { selectScenarios } from './select.js';
import { parseShard } from '../parallel/options.js';

export interface ExploreArgs {
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
}

export const exploreFlags = {
  strategy: { type: 'string', choices: STRATEGIES.filter((s) => s !== 'replay'), describe: 'how to explore: every schedule, or a seeded random sample', default: 'exhaustive' },
  seed: { type: 'string', describe: 'seed of the random strategy (0 to 4294967295) [default: 1]' },
  'max-executions': { type: 'string', describe: 'stop after this many executions [default: 100000 exhaustive, 1000 random]' },
  'time-budget': { type: 'string', describe: 'stop after this much real time: 500ms, 10s, 2m' },
  'max-steps': { type: 'string', describe: 'steps after which an execution ends with step-limit [default: 10000]' },
  'wait-for-tasks': { type: 'boolean', describe: 'run the other tasks out after main returns' },
  scenario: { type: 'string', describe: 'only the scenario with this name' },
  format: { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'text for people, json for tools (one object per line)' },
  quiet: { type: 'boolean', describe: 'no progress on stderr' },
  workers: { type: 'string', describe: 'worker threads to split the search over (same result as 1) [default: 1]' },
  shard: { type: 'string', describe: 'explore only shard i of n (i/n), for a CI matrix; join the JSON reports with interleave merge' },
} as const;

/** `interleave explore <files..>`: exit 1 when any scenario has a finding. */
export async function exploreCommand(args: ExploreArgs, io: Io): Promise<number> {
  const base: ExploreOptions = { strategy: (args.strategy ?? 'exhaustive') as StrategyName };
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
  const scenarios = await selectScenarios(args.files, args.scenario);
  const results: Exploration[] = [];
  for (const { scenario, file, selectByName } of scenarios) {
    if (io.signal.aborted) break;
    const progress = io.progress(scenario.name, args.quiet === true);
    const r = await explore(scenario, {
      ...base,
      file,
      selectByName,
      signal: io.signal,
      onProgress: progress.update,
    });
    progress.done();
    results.push(r);
    if (args.format === 'json') io.out(JSON.stringify(r));
    else io.out(`${results.length > 1 ? '\n' : ''}${renderText(r, { color: io.color })}`);
  }
  if (args.format !== 'json' && results.length > 1) io.out(`\n${summaryLine(results)}`);
  return results.some((r) => r.findings.length > 0) ? 1 : 0;
}
