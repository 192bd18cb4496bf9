import { InterleaveError } from '../errors.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { difference } from './determinism.js';
import { sameItems } from './outcomes.js';
import { Replay } from './replay.js';

/**
 * A sampling exploration (random, pct) of a small scenario meets the same
 * execution again and again: workers.ts has 12 schedules, and 10,000
 * executions run each of them hundreds of times. The concurrency analysis
 * learns nothing from a repeat (ConcurrencyLog only unites what it saw: the
 * orders of a pair, whether it was always timed, its first example), yet its
 * happens-before monitor was a fifth of the cost of every execution. So an
 * execution may run without the monitor; if its schedule turns out to be new,
 * it runs once more, under that schedule, with it. The log ends up exactly as
 * if every execution had been analysed. That rests on the scenario replaying,
 * which the determinism check is there to verify; the re-run is compared with
 * the run too, and a difference is a divergence.
 *
 * Whether the next execution runs with the monitor is decided by how likely
 * its schedule is to be new, by the Good–Turing estimate (schedules met once /
 * executions): a new one costs an execution without the monitor plus one with
 * it, so the monitor is left out only while at most one execution in
 * MONITOR_SHARE is expected to be new. A large scenario, where nearly every
 * schedule is new, runs as an exhaustive search does: every execution with the
 * monitor, and no re-runs. Once the schedules it keeps hold MAX_KEPT choices
 * in all, the memo lets them go and every execution runs with the monitor:
 * its memory stays bounded, and a scenario with that many schedules gains
 * little from it.
 */
export class AnalysisMemo {
  /** Schedules met so far, by the execution's fingerprint (a hash of its steps): one, or several that share it. */
  private readonly seen = new Map<number, Met | Met[]>();
  /** Choices kept, plus one per schedule. */
  private kept = 0;
  private executions = 0;
  /** Schedules met exactly once. */
  private once = 0;
  private full = false;

  /** Whether the next execution should run with the monitor. */
  monitor(): boolean {
    return this.full || this.once * MONITOR_SHARE > this.executions || this.executions === 0;
  }

  /**
   * Notes the schedule of a finished execution; whether it is one not met
   * before. Call it for every execution.
   */
  isNew(r: ExecutionResult): boolean {
    if (this.full) return false;
    this.executions++;
    const key = r.fingerprint ?? 0;
    const known = this.seen.get(key);
    if (known === undefined) {
      this.seen.set(key, { choices: r.choices, again: false });
    } else if (!Array.isArray(known)) {
      if (sameItems(known.choices, r.choices)) return this.metAgain(known);
      this.seen.set(key, [known, { choices: r.choices, again: false }]);
    } else {
      for (const m of known) if (sameItems(m.choices, r.choices)) return this.metAgain(m);
      known.push({ choices: r.choices, again: false });
    }
    this.once++;
    this.kept += r.choices.length + 1;
    if (this.kept >= MAX_KEPT) {
      this.full = true;
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

  private metAgain(m: Met): false {
    if (!m.again) {
      m.again = true;
      this.once--;
    }
    return false;
  }
}

/** A schedule the memo has met; `again`: more than once. */
interface Met {
  readonly choices: readonly number[];
  again: boolean;
}

/**
 * The monitor's share of an execution's cost, as 1/n (about a fifth on
 * workers.ts, more where tasks share variables): while at most one
 * execution in n is expected to be new, leaving it out saves at least what
 * the re-runs cost.
 */
const MONITOR_SHARE = 5;
/** The most choices the memo keeps, counting one more per schedule (some 10 MB). */
const MAX_KEPT = 1 << 20;
