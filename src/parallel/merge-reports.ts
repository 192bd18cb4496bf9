import { findings } from '../analysis/findings.js';
import { InterleaveError } from '../errors.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import { decodeSchedule } from '../explore/schedule.js';
import type { RawExploration } from '../explore/explore.js';
import { resolveOptions } from '../options.js';
import { buildReport, type Exploration, type Outcome } from '../report/report.js';
import type { Scenario } from '../runtime/scenario.js';
import { mergeRaw } from './merge.js';
import { finish } from './run.js';

/**
 * The scenario a report is of: merge replays a few of its executions to
 * describe the race and timing findings of the whole run, as a single run
 * does. The CLI loads it from the report's file.
 */
export type ScenarioLoader = (
  report: Exploration,
  where: string,
) => Promise<{ scenario: Scenario; selectByName: boolean }>;

/** A shard report and where it came from, for error messages. */
export interface ShardReport {
  report: Exploration;
  /** `file:line`. */
  where: string;
}

const mismatch = (message: string): InterleaveError => new InterleaveError('INTERLEAVE_SHARD_MISMATCH', message);

const label = (r: Exploration): string =>
  `"${r.scenario.name}"${r.scenario.file !== null ? ` (${r.scenario.file})` : ''}`;

// What every shard of one run must agree on, as "what: value" pairs.
function settings(r: Exploration): [string, string][] {
  const s = r.shard!;
  const pairs: [string, string][] = [
    ['strategy', r.strategy],
    ['shard count', String(s.count)],
    ['options', JSON.stringify(r.options)],
    ['report version', String(r.version)],
  ];
  if (r.strategy === 'random') {
    pairs.push(['seed', String(r.seed)], ['sample size', String(s.total)]);
  } else {
    // The same scenario cuts its tree the same way: a different cut means different code.
    pairs.push(['split', `${s.subtrees} subtrees at depth ${s.depth}`]);
  }
  return pairs;
}

/**
 * Joins the reports of the shards of one or more scenarios (`interleave
 * merge`) into the reports a single run would have written: counts summed,
 * outcomes united by identity with the globally first schedule, findings
 * derived again; complete when every shard was complete. Errors when the
 * shards do not belong together or one is missing or given twice.
 */
export async function mergeShardReports(inputs: readonly ShardReport[], load: ScenarioLoader): Promise<Exploration[]> {
  const groups = new Map<string, ShardReport[]>();
  for (const input of inputs) {
    const r = input.report;
    if (r.shard === undefined) {
      throw mismatch(
        `${input.where}: the report of ${label(r)} is not a shard's (explore it with --shard i/n to merge it)`,
      );
    }
    const key = JSON.stringify([r.scenario.name, r.scenario.file]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [input]);
    else group.push(input);
  }
  const merged: Exploration[] = [];
  for (const group of groups.values()) merged.push(await mergeGroup(group, load));
  return merged;
}

async function mergeGroup(group: ShardReport[], load: ScenarioLoader): Promise<Exploration> {
  const first = group[0]!.report;
  const expected = settings(first);
  for (const { report, where } of group.slice(1)) {
    settings(report).forEach(([what, value], i) => {
      if (value !== expected[i]![1]) {
        throw mismatch(
          `the shards of ${label(first)} do not match: ${what} is ${expected[i]![1]} in ${group[0]!.where} but ${value} in ${where}`,
        );
      }
    });
  }
  const count = first.shard!.count;
  const byIndex = new Map<number, string>();
  for (const { report, where } of group) {
    const i = report.shard!.index;
    const seen = byIndex.get(i);
    if (seen !== undefined)
      throw mismatch(`shard ${i}/${count} of ${label(first)} is given twice: ${seen} and ${where}`);
    byIndex.set(i, where);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw mismatch(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of ${label(first)} ` +
        `missing (got ${[...byIndex.keys()]
          .sort((a, b) => a - b)
          .map((i) => `${i}/${count}`)
          .join(', ')})`,
    );
  }
  const reports = group.map((g) => g.report).sort((a, b) => a.shard!.index - b.shard!.index);
  const random = first.strategy === 'random';
  const rank = random ? 'execution' : 'schedule';
  const { scenario, selectByName } = await load(first, group[0]!.where);
  const opts = resolveOptions(scenario, {
    strategy: first.strategy,
    seed: first.seed,
    maxSteps: first.options.maxSteps,
    waitForTasks: first.options.waitForTasks,
    ...(first.scenario.file !== null ? { file: first.scenario.file } : {}),
    selectByName,
  });
  // Back to records and raw explorations, so that the whole run's order, analysis and findings are derived as one run derives them.
  const parts: RawExploration[] = reports.map((r) => ({
    outcomes: r.outcomes.map((o, i) => toRecord(o, random ? (r.shard!.firstExecutions?.[i] ?? 0) : 0)),
    executions: r.executions,
    redundant: r.redundant,
    complete: r.complete,
    stopReason: r.stopReason,
    elapsedMs: r.elapsedMs,
    steps: r.steps,
  }));
  const raw = mergeRaw(parts, rank, Math.max(...reports.map((r) => r.elapsedMs)));
  const logs = reports.flatMap((r) => (r.shard!.log !== undefined ? [r.shard!.log] : []));
  await finish(scenario, opts, raw, logs, rank);
  return buildReport(scenario.name, opts, raw, findings(raw.outcomes, raw.analysis));
}

function toRecord(o: Outcome, firstExecution: number): OutcomeRecord {
  const rec: OutcomeRecord = {
    output: o.output,
    value: o.value,
    result: o.result,
    unfinished: o.unfinished,
    count: o.count,
    // The first schedule found: a shard's minimized one is minimized again for the whole run.
    choices: decodeSchedule(o.firstSchedule ?? o.schedule),
    firstExecution,
    steps: o.steps,
    time: o.time,
    violations: o.violations ?? [],
  };
  if (o.seed !== undefined) rec.seed = o.seed;
  if (o.panic !== undefined) rec.panic = o.panic;
  if (o.deadlock !== undefined) rec.deadlock = o.deadlock;
  if (o.stepLimit !== undefined) rec.stepLimit = o.stepLimit;
  if (o.trace !== undefined) rec.trace = o.trace;
  return rec;
}
