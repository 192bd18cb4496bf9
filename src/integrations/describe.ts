/**
 * What a failing matcher or property says about an outcome: its result and
 * output, the schedule, the steps around the decisive choices and the
 * command that replays it — bounded, so a large scenario never floods the
 * test log.
 */
import { replay } from '../api.js';
import type { ExploreOptions } from '../options.js';
import type { Exploration, Outcome } from '../report/report.js';
import type { TraceStep } from '../runtime/execution.js';
import type { Scenario } from '../runtime/scenario.js';

/** Bounds of a failure message. */
export const LIMITS = { lines: 12, trace: 16, outcomes: 3 };

const INDENT = '  ';

/** At most `max` items, then "… N more <what>". */
export function capped(items: readonly string[], max: number, what: string): string[] {
  if (items.length <= max) return [...items];
  return [
    ...items.slice(0, max),
    `… ${items.length - max} more ${items.length - max === 1 ? what.replace(/s$/, '') : what}`,
  ];
}

/** One outcome in a few lines: result, output, value, what went wrong. */
export function outcomeLines(o: Outcome): string[] {
  const lines: string[] = [];
  if (o.output.length === 0) lines.push('output: (none)');
  else {
    lines.push('output:');
    lines.push(...capped(o.output, LIMITS.lines, 'lines').map((l) => `${INDENT}${l}`));
  }
  if (o.value !== null) lines.push(`returned: ${clip(JSON.stringify(o.value), 200)}`);
  if (o.unfinished.length > 0) lines.push(`unfinished: ${o.unfinished.join(', ')}`);
  if (o.panic !== undefined) {
    const where = o.panic.site !== undefined ? ` (${o.panic.site})` : '';
    lines.push(
      `${o.panic.kind === 'exception' ? 'panic' : o.panic.kind} in ${o.panic.task}: ${o.panic.message}${where}`,
    );
  }
  for (const d of capped(o.deadlock ?? [], 4, 'blocked tasks')) lines.push(`deadlock: ${d}`);
  if (o.stepLimit !== undefined) lines.push(clip(o.stepLimit, 300));
  for (const v of o.violations ?? []) {
    lines.push(`violation in ${v.task}: ${v.message}${v.site !== undefined ? ` (${v.site})` : ''}`);
  }
  return lines;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * The trace around the decisive steps: the choice points (where another
 * order was possible) with a step of context either side, gaps shown as "…",
 * at most LIMITS.trace steps — the last ones when there are more, since an
 * outcome is decided by its last choices.
 */
export function decisiveSteps(trace: readonly TraceStep[]): string[] {
  const keep = new Set<number>();
  trace.forEach((s, i) => {
    if (s.enabled > 1) for (let j = i - 1; j <= i + 1; j++) if (j >= 0 && j < trace.length) keep.add(j);
  });
  if (keep.size === 0) trace.forEach((_, i) => keep.add(i));
  let picked = [...keep].sort((a, b) => a - b);
  const dropped = Math.max(0, picked.length - LIMITS.trace);
  picked = picked.slice(dropped);
  const stepW = String(trace.length).length;
  const timeW = Math.max(...picked.map((i) => `${trace[i]!.time}ms`.length));
  const taskW = Math.max(...picked.map((i) => trace[i]!.task.length));
  const opW = Math.min(40, Math.max(...picked.map((i) => trace[i]!.op.length)));
  const out: string[] = [];
  if (dropped > 0) out.push(`… ${dropped} earlier step${dropped === 1 ? '' : 's'}`);
  let last = dropped > 0 ? picked[0]! - 1 : -1;
  for (const i of picked) {
    if (i > last + 1) out.push('…');
    const s = trace[i]!;
    const choice = s.enabled > 1 ? `  (chosen among ${s.enabled})` : '';
    out.push(
      `${String(s.step).padStart(stepW)}  ${`${s.time}ms`.padStart(timeW)}  ${s.task.padEnd(taskW)}  ` +
        `${clip(s.op, 40).padEnd(opW)}  ${s.site ?? ''}${choice}`.trimEnd(),
    );
    last = i;
  }
  const rest = trace.length - 1 - last;
  if (rest > 0) out.push(`… ${rest} more step${rest === 1 ? '' : 's'} to the end`);
  return out;
}

/** Where the trace comes from: a scenario to replay, or nothing (only a report was given). */
export interface Source {
  scenario: Scenario | undefined;
  options: ExploreOptions;
}

/** The full description of one outcome of `r`: what it is, its schedule, its decisive steps, its replay command. */
export async function describeOutcome(r: Exploration, o: Outcome, source: Source): Promise<string[]> {
  const total = r.outcomes.reduce((s, x) => s + x.count, 0);
  const index = r.outcomes.indexOf(o);
  const lines = [
    `outcome #${index + 1} of ${r.outcomes.length} · result ${o.result} · ${o.count} of ${total} executions`,
    ...outcomeLines(o).map((l) => `${INDENT}${l}`),
    `${INDENT}schedule: ${o.schedule}${o.seed !== undefined ? ` (seed ${o.seed})` : ''}`,
  ];
  const trace = o.trace ?? (await traceOf(o, source));
  if (trace !== undefined && trace.length > 0) {
    lines.push(`${INDENT}steps around the decisive choices:`);
    lines.push(...decisiveSteps(trace).map((l) => `${INDENT}${INDENT}${l}`));
  }
  lines.push(`${INDENT}replay: ${o.replay}`);
  if (r.scenario.file === null) {
    lines.push(`${INDENT}(pass { file } with the scenario's file to get a replay command that runs as it is)`);
  }
  return lines;
}

async function traceOf(o: Outcome, source: Source): Promise<TraceStep[] | undefined> {
  if (source.scenario === undefined) return undefined;
  // Replayed in this thread: never an outcome that hung or ran out of memory (it would again).
  if (o.result === 'hang' || o.result === 'out-of-memory') return undefined;
  const { maxSteps, waitForTasks } = source.options;
  const run = await replay(source.scenario, {
    schedule: o.schedule,
    trace: true,
    ...(maxSteps !== undefined ? { maxSteps } : {}),
    ...(waitForTasks !== undefined ? { waitForTasks } : {}),
  });
  return run.trace;
}

/** A note when the search did not cover every schedule, so a pass proves less than it seems. */
export function completeness(r: Exploration): string | undefined {
  if (r.complete) return undefined;
  if (r.strategy === 'random') return `(a random sample of ${r.executions} executions: other outcomes may exist)`;
  return `(the search is incomplete: stopped by ${r.stopReason ?? 'a bound'} after ${r.executions} executions)`;
}

/** Several offending outcomes, each described, at most LIMITS.outcomes of them. */
export async function describeOutcomes(
  r: Exploration,
  offending: readonly Outcome[],
  source: Source,
): Promise<string[]> {
  const lines: string[] = [];
  for (const o of offending.slice(0, LIMITS.outcomes)) {
    lines.push('', ...(await describeOutcome(r, o, source)));
  }
  const more = offending.length - LIMITS.outcomes;
  if (more > 0) lines.push('', `… ${more} more outcome${more === 1 ? '' : 's'} like ${more === 1 ? 'this' : 'these'}`);
  return lines;
}
