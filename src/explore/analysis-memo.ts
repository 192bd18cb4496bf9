import { InterleaveError } from '../errors.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { difference } from './determinism.js';
import { Replay } from './replay.js';

/**
 * A sampling exploration (random, pct) of a small scenario meets the same
 * execution again and again: workers.ts has a handful of schedules, and
 * 10,000 executions run each of them a thousand times or more. The
 * concurrency analysis learns nothing from a repeat (ConcurrencyLog only
 * unites what it saw: the orders of a pair, whether it was always timed, its
 * first example), yet its happens-before monitor was a fifth of the cost of
 * every execution. So such executions run without the monitor, and the first
 * execution of each schedule runs once more, under that schedule, with it:
 * the log ends up exactly as if every execution had been analysed. That rests
 * on the scenario replaying, which the determinism check is there to verify;
 * the re-run is compared with the run too, and a difference is a divergence.
 *
 * When most executions are new (a large scenario) the re-runs would nearly
 * double the cost. So once more than one execution in eight has been new
 * (counted from the WINDOW-th on), or the memo holds MAX_SCHEDULES schedules,
 * it steps aside for good: every later execution runs with the monitor, as
 * every execution of an exhaustive search does.
 */
export class AnalysisMemo {
  /** Every execution runs with the monitor from now on; the memo is out of the way. */
  inline = false;
  /** Schedules met so far, by the execution's fingerprint (a hash of its steps): one, or several that share it. */
  private readonly seen = new Map<number, readonly number[] | (readonly number[])[]>();
  private schedules = 0;
  private executions = 0;
  private fresh = 0;

  /**
   * Notes the schedule of a finished execution; whether it is one not met
   * before. Call it for every execution while the memo is not `inline`.
   */
  isNew(r: ExecutionResult): boolean {
    this.executions++;
    const key = r.fingerprint ?? 0;
    const known = this.seen.get(key);
    if (known === undefined) {
      this.seen.set(key, r.choices);
    } else if (isSchedule(known)) {
      if (sameSchedule(known, r.choices)) return false;
      this.seen.set(key, [known, r.choices]);
    } else {
      for (const s of known) if (sameSchedule(s, r.choices)) return false;
      known.push(r.choices);
    }
    this.fresh++;
    this.schedules++;
    if (this.schedules >= MAX_SCHEDULES || (this.executions >= WINDOW && this.fresh * 8 > this.executions)) {
      this.inline = true;
      this.seen.clear();
    }
    return true;
  }

  /**
   * Runs `r`'s schedule again with the monitor (`run` runs one execution with
   * the analysis, under the given replay). Returns what differed from `r`,
   * when the scenario did not replay.
   */
  async analyse(
    r: ExecutionResult,
    run: (replay: Replay) => Promise<ExecutionResult | null>,
  ): Promise<string | undefined> {
    const replay = new Replay(r.choices);
    replay.begin();
    let again: ExecutionResult | null;
    try {
      again = await run(replay);
      replay.end(again);
    } catch (e) {
      if (e instanceof InterleaveError) return `the re-run for the analysis did not fit its own schedule: ${e.message}`;
      throw e;
    }
    if (again === null) return 'the re-run for the analysis was abandoned';
    const d = difference(r, again);
    return d === undefined ? undefined : `${d} (in the re-run for the analysis)`;
  }
}

/** Executions before the memo may judge that too many are new. */
const WINDOW = 256;
/** The most schedules the memo keeps. */
const MAX_SCHEDULES = 65_536;

// A schedule is an array of numbers; several are an array of arrays.
const isSchedule = (s: readonly number[] | (readonly number[])[]): s is readonly number[] =>
  s.length === 0 || typeof s[0] === 'number';

function sameSchedule(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
