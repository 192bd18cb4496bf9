/**
 * What the text, Markdown and HTML views of a report say alike. Each is a pure
 * function of the JSON report: no clock, no file read, so `interleave report`
 * renders a saved report to the same bytes that `explore --out` wrote.
 */
import { SAMPLING } from '../options.js';
import type { Finding } from '../analysis/findings.js';
import type { Exploration, Outcome } from './report.js';

/** Outcomes a view shows in full (and the HTML report draws timelines of); the rest are summarised in one row. */
export const SHOWN_OUTCOMES = 20;

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** `count` as a share of `total`: `25.0%`. */
export function share(count: number, total: number): string {
  return total === 0 ? '-' : `${((100 * count) / total).toFixed(1)}%`;
}

/** A probability as a percentage with enough digits to tell small ones apart: `12%`, `0.40%`, `0.013%`. */
export function percent(p: number): string {
  if (p === 0) return '0%';
  const pct = 100 * p;
  return `${pct >= 10 ? pct.toFixed(0) : pct >= 1 ? pct.toFixed(1) : pct.toPrecision(2)}%`;
}

/** Virtual time: `0ms`, `2s`, `1.5s`, `2m 3s`. */
export function formatTime(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  const m = Math.floor(ms / 60_000);
  const s = Number(((ms % 60_000) / 1000).toFixed(3));
  return s === 0 ? `${m}m` : `${m}m ${s}s`;
}

export function isSample(r: Exploration): boolean {
  return SAMPLING.includes(r.strategy);
}

/** complete, sample, or why the search stopped early. */
export function status(r: Exploration): string {
  if (r.complete) return 'complete';
  const sample = isSample(r);
  const target = r.options.untilConfident;
  switch (r.stopReason) {
    case 'confident':
      return `sample, confident (unseen estimate below ${percent(target ?? 0)})`;
    case 'max-executions':
      if (sample && target !== undefined) return 'sample, NOT confident (stopped at --max-executions)';
      return sample ? 'sample' : 'INCOMPLETE (stopped at --max-executions)';
    case 'time-budget':
      if (sample && target !== undefined) return 'sample, NOT confident (stopped at --time-budget)';
      return 'INCOMPLETE (stopped at --time-budget)';
    case 'interrupted':
      return 'INCOMPLETE (interrupted)';
    case 'hang':
      return 'INCOMPLETE (stopped: a step never ended, --step-timeout)';
    case 'out-of-memory':
      return 'INCOMPLETE (stopped: out of memory, --max-heap)';
    case 'nondeterministic':
      return 'NOT TRUSTWORTHY (the scenario is not deterministic)';
    case 'preemption-bound':
      return `complete up to ${r.options.preemptions ?? '?'} preemption${r.options.preemptions === 1 ? '' : 's'} (--preemptions)`;
    default:
      return sample ? 'sample' : 'incomplete';
  }
}

/** Outcomes seen exactly once: the numerator of the Good–Turing estimate (those beyond --max-outcomes count as once). */
export function singletons(r: Exploration): number {
  return r.outcomes.filter((o) => o.count === 1).length + (r.otherOutcomes?.count ?? 0);
}

/** The sentence about how sure a sample is, or undefined for an exhaustive search. */
export function unseenSentence(r: Exploration): string | undefined {
  if (r.unseenEstimate === undefined) return undefined;
  return (
    `unseen outcomes: a ${percent(r.unseenEstimate)} chance that the next execution shows an outcome not seen yet ` +
    `(Good–Turing: ${plural(singletons(r), 'outcome')} seen once in ${plural(r.executions, 'execution')})`
  );
}

/** The executions of all outcomes; equals `executions` for a finished report. */
export function totalCount(r: Exploration): number {
  return r.outcomes.reduce((s, o) => s + o.count, 0);
}

/** The row that stands for the outcomes not shown, or undefined when all are. */
export function restSummary(r: Exploration, shown: number): string | undefined {
  if (r.outcomes.length <= shown) return undefined;
  const rest = r.outcomes.slice(shown);
  const count = rest.reduce((s, o) => s + o.count, 0);
  return `…and ${plural(rest.length, 'more outcome')}, ${share(count, totalCount(r))} of executions (${plural(count, 'execution')})`;
}

/** What an outcome says besides its output lines: value, lost tasks, panic, deadlock, violations (their source lines are in the findings). */
export function outcomeNotes(o: Outcome): string[] {
  const notes: string[] = [];
  if (o.value !== null) notes.push(`→ returned ${JSON.stringify(o.value)}`);
  if (o.unfinished.length > 0) notes.push(`unfinished: ${o.unfinished.join(', ')}`);
  if (o.panic !== undefined) notes.push(`${o.panic.kind === 'exception' ? 'panic' : o.panic.kind} in ${o.panic.task}: ${o.panic.message}`);
  for (const d of o.deadlock ?? []) notes.push(`deadlock: ${d}`);
  if (o.stepLimit !== undefined) notes.push(o.stepLimit);
  for (const v of o.violations ?? []) notes.push(`violation in ${v.task}: ${v.message}`);
  return notes;
}

/** Cuts a string to `width` characters, marking the cut. */
export function clip(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

/** The file name (without extension) a scenario's reports get: its name, with anything but letters, digits, `.`, `_` and `-` as `-`. */
export function reportBaseName(name: string): string {
  const base = name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '');
  return base === '' ? 'scenario' : base.slice(0, 120);
}

/** The outcome a finding is about: the one it names, or else the one whose schedule it gives (race, timing). */
export function findingOutcome(r: Exploration, f: Finding): number | undefined {
  if (f.outcome !== undefined) return f.outcome;
  const schedule = (f as { schedule?: string }).schedule;
  const i = schedule === undefined ? -1 : r.outcomes.findIndex((o) => o.schedule === schedule);
  return i < 0 ? undefined : i;
}
