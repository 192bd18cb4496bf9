import { findings } from '../analysis/findings.js';
import { InterleaveError } from '../errors.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import { decodeSchedule } from '../explore/schedule.js';
import type { Exploration, Outcome } from '../report/report.js';
import { SAMPLING } from '../options.js';
import { firstStopReason, mergeOutcomes } from './merge.js';

/** A shard report and where it came from, for error messages. */
export interface ShardReport {
  report: Exploration;
  /** `file:line`. */
  where: string;
}

const mismatch = (message: string): InterleaveError => new InterleaveError('INTERLEAVE_SHARD_MISMATCH', message);

const label = (r: Exploration): string => `"${r.scenario.name}"${r.scenario.file !== null ? ` (${r.scenario.file})` : ''}`;

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
export function mergeShardReports(inputs: readonly ShardReport[]): Exploration[] {
  const groups = new Map<string, ShardReport[]>();
  for (const input of inputs) {
    const r = input.report;
    if (r.shard === undefined) {
      throw mismatch(`${input.where}: the report of ${label(r)} is not a shard's (explore it with --shard i/n to merge it)`);
    }
    const key = JSON.stringify([r.scenario.name, r.scenario.file]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [input]);
    else group.push(input);
  }
  return [...groups.values()].map(mergeGroup);
}

function mergeGroup(group: ShardReport[]): Exploration {
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
    if (seen !== undefined) throw mismatch(`shard ${i}/${count} of ${label(first)} is given twice: ${seen} and ${where}`);
    byIndex.set(i, where);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw mismatch(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of ${label(first)} ` +
        `missing (got ${[...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`).join(', ')})`,
    );
  }
  const reports = group.map((g) => g.report).sort((a, b) => a.shard!.index - b.shard!.index);
  const random = first.strategy === 'random';
  // Back to records, so that the single-run order and the findings are derived as a single run derives them.
  // mergeOutcomes copies records but keeps their `choices` array: it finds a record's shard outcome.
  const source = new Map<readonly number[], Outcome>();
  const parts = reports.map((r) =>
    r.outcomes.map((o, i) => {
      const rec = toRecord(o, random ? (r.shard!.firstExecutions?.[i] ?? 0) : 0);
      source.set(rec.choices, o);
      return rec;
    }),
  );
  const merged = mergeOutcomes(parts, random ? 'execution' : 'schedule');
  const outcomes = merged.map((rec) => ({ ...source.get(rec.choices)!, count: rec.count }));
  const out: Exploration = {
    version: first.version,
    scenario: first.scenario,
    strategy: first.strategy,
    seed: first.seed,
    executions: sum(reports, (r) => r.executions),
    redundant: sum(reports, (r) => r.redundant),
    complete: reports.every((r) => r.complete),
    elapsedMs: Math.max(...reports.map((r) => r.elapsedMs)),
    steps: sum(reports, (r) => r.steps),
    options: first.options,
    outcomes,
    orderingDependent: outcomes.length > 1,
    findings: findings(merged),
  };
  const stop = out.complete ? undefined : firstStopReason(reports.map((r) => r.stopReason));
  if (stop !== undefined) out.stopReason = stop;
  // The Good–Turing estimate of the whole sample, from the merged counts (as buildReport does).
  if (SAMPLING.includes(out.strategy) && out.executions > 0) {
    out.unseenEstimate = outcomes.filter((o) => o.count === 1).length / out.executions;
  }
  return out;
}

const sum = (rs: readonly Exploration[], f: (r: Exploration) => number): number => rs.reduce((s, r) => s + f(r), 0);

function toRecord(o: Outcome, firstExecution: number): OutcomeRecord {
  const rec: OutcomeRecord = {
    output: o.output,
    value: o.value,
    result: o.result,
    unfinished: o.unfinished,
    count: o.count,
    choices: decodeSchedule(o.schedule),
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
