import { NondeterminismError, ScheduleError } from '../errors.js';
import type { Execution, ExecutionResult, TraceStep } from '../runtime/execution.js';
import { Exhaustive } from './exhaustive.js';
import type { OutcomeRecord } from './outcomes.js';
import { PreemptionCounter } from './preemption.js';
import { Replay } from './replay.js';
import type { Strategy } from './strategy.js';

/** Runs one execution under a strategy (the explore loop's runOnce, with the exploration's options). */
export type RunWith = (strategy: Strategy) => Promise<ExecutionResult | null>;

/** Results whose outcomes are shrunk: every finding but the ones a re-run in this thread could hang on. */
const SHRUNK = new Set(['panic', 'deadlock', 'violation', 'step-limit']);

/** Per exploration, the executions of all minimizations together: this many per-outcome budgets. */
const TOTAL_BUDGETS = 10;

/**
 * Minimal counterexamples: for each outcome with a finding, a schedule with
 * the fewest preemptions that still gives the same outcome. Iterative
 * deepening over the preemption bound, as in CHESS: a preemption-bounded
 * exhaustive search with bound 0, then 1, 2, ... below the preemptions of the
 * schedule found, stopping at the first execution with the same outcome
 * (output, value, result and unfinished tasks). A bounded search is
 * complete up to its bound, so the first hit has the fewest preemptions any
 * schedule of that outcome has — as long as the budget (`budget` executions
 * per outcome, all bounds together) lasts; past it the schedule found stays.
 * The outcome keeps its first schedule as `firstChoices` when it changes.
 * All outcomes together get at most TOTAL_BUDGETS budgets, so that a
 * scenario with many failing outcomes cannot make the report take long.
 */
export async function minimizeOutcomes(outcomes: OutcomeRecord[], budget: number, run: RunWith): Promise<void> {
  if (budget <= 0) return;
  let total = budget * TOTAL_BUDGETS;
  for (const o of outcomes) {
    if (!SHRUNK.has(o.result)) continue;
    // No choice point, no preemption: nothing to replay.
    const counted = o.choices.length === 0 ? 0 : await countPreemptions(o.choices, run);
    if (counted === undefined) continue; // it does not replay: nothing to shrink against
    o.preemptions = counted;
    const start = Math.min(budget, total);
    let left = start;
    const key = outcomeKey(o);
    for (let bound = 0; bound < counted && left > 0; bound++) {
      const search = new Exhaustive([], bound);
      let found: ExecutionResult | undefined;
      try {
        while (left > 0 && search.begin()) {
          const r = await run(search);
          search.end(r);
          if (r === null) continue;
          left--;
          if (outcomeKey(r) === key) {
            found = r;
            break;
          }
        }
      } catch (e) {
        if (e instanceof NondeterminismError) break;
        throw e;
      }
      if (found !== undefined) {
        const choices = found.choices.slice();
        const n = await countPreemptions(choices, run);
        if (n !== undefined && n < counted) {
          o.firstChoices = o.choices;
          o.choices = choices;
          o.preemptions = n;
          // What the report says of the outcome is what its schedule replays to.
          o.steps = found.steps;
          o.time = found.time;
        }
        break;
      }
      // Searched to the end without a hit: the outcome needs more preemptions.
    }
    total -= start - left;
  }
}

/**
 * The outcome (output, value, result, unfinished tasks) and the finding's
 * details — which task panicked and how, the deadlock, the violations — so
 * that the shorter schedule shows the same failure, not just the same output.
 */
function outcomeKey(o: Pick<ExecutionResult, 'output' | 'value' | 'result' | 'unfinished' | 'panic' | 'deadlock' | 'stepLimit' | 'violations'>): string {
  const p = o.panic;
  const panic = p === undefined ? null : [p.kind, p.task, p.message];
  return JSON.stringify([o.output, o.value, o.result, o.unfinished, panic, o.deadlock ?? null, o.stepLimit ?? null, o.violations]);
}

/** The preemptions of one schedule, by replaying it; undefined when it does not replay. */
export async function countPreemptions(choices: readonly number[], run: RunWith): Promise<number | undefined> {
  const replay = new CountPreemptions(new Replay(choices));
  replay.begin();
  try {
    const r = await run(replay);
    replay.end(r);
    return r === null ? undefined : replay.counter.count;
  } catch (e) {
    if (e instanceof ScheduleError || e instanceof NondeterminismError) return undefined;
    throw e;
  }
}

/** A strategy that counts the preemptions of the moves another strategy picks, and where they happen. */
export class CountPreemptions implements Strategy {
  counter = new PreemptionCounter();

  constructor(private readonly inner: Strategy) {}

  get name(): Strategy['name'] {
    return this.inner.name;
  }

  get exhausted(): boolean {
    return this.inner.exhausted;
  }

  get runSeed(): number | undefined {
    return this.inner.runSeed;
  }

  begin(): boolean {
    this.counter = new PreemptionCounter();
    return this.inner.begin();
  }

  choose(count: number, exec: Execution): number {
    const i = this.inner.choose(count, exec);
    this.counter.note(count, exec, i);
    return i;
  }

  end(result: ExecutionResult | null): void {
    this.inner.end(result);
  }
}

/** Marks the steps that are preemptions (1-based step numbers) in a trace; returns it. */
export function markPreemptions(trace: TraceStep[], steps: readonly number[]): TraceStep[] {
  for (const s of steps) {
    const t = trace[s - 1];
    if (t !== undefined) t.preemption = true;
  }
  return trace;
}
