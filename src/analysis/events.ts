/**
 * Turns what the fast exploration recorded about unsynchronized events (task
 * and step numbers only: no stack is captured in the hot loop) into events a
 * person can read, by replaying the executions that showed them with tracing
 * on: each event gets its task, its operation and its source line.
 */
import type { ExecutionResult, TraceStep } from '../runtime/result.js';
import type { ConcurrencyLog, PairExample } from './concurrency.js';

/** One event of a finding. */
export interface FindingEvent {
  task: string;
  /** What it did, as the trace says it: `set counter = 1`, `print "Pam: done"`. */
  op: string;
  site?: string;
  /** Its step in the finding's schedule (1-based). */
  step: number;
  /** Virtual time, ms. */
  time: number;
}

/** Two events on one object that no synchronization orders, as shown by one execution. */
export interface EventPair {
  object: string;
  first: FindingEvent;
  second: FindingEvent;
  /** The schedule of the execution that shows them. */
  choices: number[];
}

/** What the analysis found, for findings(). */
export interface ConcurrencyAnalysis {
  races: EventPair[];
  timing: EventPair[];
  /** Output-line pairs ("a\0b", a < b) seen with their prints unordered by happens-before. */
  unorderedLines: Set<string>;
  /** Output-line pairs checked for happens-before (the rest are unknown). */
  checkedLines: Set<string>;
}

/**
 * Replays a schedule with happens-before clocks (`ExecutionResult.clocks`) and,
 * when `full`, the trace with source lines too.
 */
export type Replayer = (choices: readonly number[], full: boolean) => Promise<ExecutionResult | null>;

/** How many distinct pairs are described (each may cost a replay). */
const MAX_DESCRIBED = 64;
/** How many outcomes are replayed to tell synchronized swaps from unsynchronized ones. */
const MAX_OUTCOMES_CHECKED = 24;
const MAX_LINES = 60;

export const linePairKey = (a: string, b: string): string => (a < b ? `${a}\0${b}` : `${b}\0${a}`);

export async function analyseConcurrency(
  log: ConcurrencyLog | null,
  outcomes: readonly { output: readonly string[]; choices: readonly number[] }[],
  replay: Replayer,
): Promise<ConcurrencyAnalysis> {
  // Full traces, and runs with the clocks only (enough for the output lines' order).
  const cache = new Map<readonly number[], ExecutionResult | null>();
  const clockCache = new Map<readonly number[], ExecutionResult | null>();
  const traced = async (choices: readonly number[], full = true): Promise<ExecutionResult | null> => {
    // A replay that failed (null) is remembered too.
    if (cache.has(choices)) return cache.get(choices)!;
    if (!full && clockCache.has(choices)) return clockCache.get(choices)!;
    const r = await replay(choices, full);
    (full ? cache : clockCache).set(choices, r);
    return r;
  };
  const describe = async (examples: PairExample[]): Promise<EventPair[]> => {
    const out: EventPair[] = [];
    for (const ex of examples.slice(0, MAX_DESCRIBED)) {
      const r = await traced(ex.choices);
      const t = r?.trace;
      if (t === undefined) continue;
      const first = t[ex.first.step - 1];
      const second = t[ex.second.step - 1];
      if (first === undefined || second === undefined) continue;
      out.push({ object: ex.object, first: toEvent(first), second: toEvent(second), choices: ex.choices });
    }
    return out;
  };
  const races = log === null ? [] : await describe(log.raceExamples());
  const timing = log === null ? [] : await describe(log.timingExamples());

  const unorderedLines = new Set<string>();
  const checkedLines = new Set<string>();
  if (outcomes.length > 1) {
    for (const o of outcomes.slice(0, MAX_OUTCOMES_CHECKED)) {
      const r = await traced(o.choices, false);
      if (r?.clocks === undefined) continue;
      const { steps: clocks, tasks, prints } = r.clocks;
      const counts = new Map<string, number>();
      for (const l of r.output) counts.set(l, (counts.get(l) ?? 0) + 1);
      const n = Math.min(r.output.length, prints.length, MAX_LINES);
      for (let i = 0; i < n; i++) {
        const a = r.output[i]!;
        if (counts.get(a) !== 1) continue;
        const sa = prints[i]!;
        const ta = tasks[sa]!;
        for (let j = i + 1; j < n; j++) {
          const b = r.output[j]!;
          if (counts.get(b) !== 1) continue;
          const sb = prints[j]!;
          const key = linePairKey(a, b);
          checkedLines.add(key);
          // a printed first: ordered iff a's event is in b's past.
          if (clocks[sa]![ta]! > (clocks[sb]![ta] ?? 0)) unorderedLines.add(key);
        }
      }
    }
  }
  return { races, timing, unorderedLines, checkedLines };
}

function toEvent(s: TraceStep): FindingEvent {
  const e: FindingEvent = { task: s.task, op: s.op, step: s.step, time: s.time };
  if (s.site !== undefined) e.site = s.site;
  return e;
}
