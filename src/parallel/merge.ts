import type { RawExploration, StopReason } from '../explore/explore.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import { moveAlt, moveTask } from '../runtime/move.js';

/**
 * Which of two executions a single run would have met first. Exhaustive
 * search is depth-first with the enabled moves of a step in (task,
 * alternative) order, so its first execution of an outcome is the one whose
 * schedule is smallest in that order; a random sample runs its executions by
 * index.
 */
export type Rank = 'schedule' | 'execution';

/** Depth-first order of two exhaustive executions, by their choices. */
export function compareChoices(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return moveTask(a[i]!) - moveTask(b[i]!) || moveAlt(a[i]!) - moveAlt(b[i]!);
  }
  return a.length - b.length;
}

/** Two records have one outcome exactly when these keys are equal (as OutcomeTable decides it). */
export function outcomeKey(o: Pick<OutcomeRecord, 'output' | 'value' | 'result' | 'unfinished'>): string {
  return JSON.stringify([o.result, o.unfinished, o.value ?? null, o.output]);
}

/** Of two reasons to have stopped, the one to report: a person's interrupt first, then the bounds. */
const STOP_ORDER: StopReason[] = ['interrupted', 'time-budget', 'max-executions', 'confident'];

export function firstStopReason(reasons: readonly (StopReason | undefined)[]): StopReason | undefined {
  for (const r of STOP_ORDER) if (reasons.includes(r)) return r;
  return reasons.find((r) => r !== undefined);
}

/**
 * Merges the outcome records of the parts of a split search into what one
 * run would have recorded: counts summed, and for each outcome the first
 * execution in the order of a single run (see Rank). Sorted as OutcomeTable
 * sorts: most frequent first, ties in the order they were found.
 */
export function mergeOutcomes(parts: readonly (readonly OutcomeRecord[])[], rank: Rank): OutcomeRecord[] {
  const byKey = new Map<string, OutcomeRecord>();
  const before = (a: OutcomeRecord, b: OutcomeRecord): boolean =>
    rank === 'schedule' ? compareChoices(a.choices, b.choices) < 0 : a.firstExecution < b.firstExecution;
  for (const part of parts) {
    for (const o of part) {
      const key = outcomeKey(o);
      const known = byKey.get(key);
      if (known === undefined) {
        byKey.set(key, { ...o });
      } else if (before(o, known)) {
        byKey.set(key, { ...o, count: known.count + o.count });
      } else {
        known.count += o.count;
      }
    }
  }
  const order = (a: OutcomeRecord, b: OutcomeRecord): number =>
    rank === 'schedule' ? compareChoices(a.choices, b.choices) : a.firstExecution - b.firstExecution;
  return [...byKey.values()].sort((a, b) => b.count - a.count || order(a, b));
}

/**
 * The parts' counts summed and their outcomes merged; complete when every
 * part is. With `maxOutcomes`, as in one run: the outcomes a single run would
 * have met first are kept, the others only counted (in `otherOutcomes`).
 */
export function mergeRaw(
  parts: readonly RawExploration[],
  rank: Rank,
  elapsedMs: number,
  maxOutcomes = Infinity,
): RawExploration {
  let executions = 0;
  let redundant = 0;
  let steps = 0;
  for (const p of parts) {
    executions += p.executions;
    redundant += p.redundant;
    steps += p.steps;
  }
  const complete = parts.every((p) => p.complete);
  const merged: RawExploration = {
    outcomes: mergeOutcomes(
      parts.map((p) => p.outcomes),
      rank,
    ),
    executions,
    redundant,
    complete,
    stopReason: complete ? undefined : firstStopReason(parts.map((p) => p.stopReason)),
    elapsedMs,
    steps,
  };
  const divergence = parts.find((p) => p.divergence !== undefined)?.divergence;
  if (divergence !== undefined) merged.divergence = divergence;
  const others = parts.filter((p) => p.otherOutcomes !== undefined).map((p) => p.otherOutcomes!);
  // Each part kept up to maxOutcomes of its own: together they may keep more than one run would.
  let dropped: OutcomeRecord[] = [];
  if (merged.outcomes.length > maxOutcomes) {
    const found = [...merged.outcomes].sort((a, b) =>
      rank === 'schedule' ? compareChoices(a.choices, b.choices) : a.firstExecution - b.firstExecution,
    );
    const kept = new Set(found.slice(0, maxOutcomes));
    dropped = found.slice(maxOutcomes);
    merged.outcomes = merged.outcomes.filter((o) => kept.has(o));
  }
  if (others.length > 0 || dropped.length > 0) {
    // An outcome left uncounted in two parts is counted twice: an upper bound, as the report says of it.
    merged.otherOutcomes = {
      ...(others[0] ?? {}),
      count: sum(others, (o) => o.count) + dropped.length,
      executions: sum(others, (o) => o.executions) + sum(dropped, (o) => o.count),
    };
  }
  return merged;
}

const sum = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((s, x) => s + f(x), 0);
