/**
 * Helpers for the synchronization primitives' tests: explore a scenario
 * exhaustively, check that the search was complete and that replaying each
 * outcome's schedule reproduces that outcome exactly.
 */
import { expect } from 'vitest';
import {
  explore,
  replay,
  type Exploration,
  type ExploreOptions,
  type Outcome,
  type Scenario,
} from '../../../src/index.js';

/** What must be the same when an outcome is replayed. */
function essence(
  o: Pick<Outcome, 'output' | 'value' | 'result' | 'unfinished' | 'panic' | 'deadlock' | 'steps' | 'time'>,
) {
  return {
    output: o.output,
    value: o.value,
    result: o.result,
    unfinished: o.unfinished,
    panic: o.panic,
    deadlock: o.deadlock,
    steps: o.steps,
    time: o.time,
  };
}

/** Explores every schedule (exhaustive, complete) and replays every outcome's schedule to the same outcome. */
export async function exploreAll(s: Scenario, options: ExploreOptions = {}): Promise<Exploration> {
  const r = await explore(s, { strategy: 'exhaustive', ...options });
  expect(r.complete).toBe(true);
  for (const o of r.outcomes) {
    const run = await replay(s, { ...options, schedule: o.schedule });
    expect(essence(run)).toEqual(essence(o));
  }
  return r;
}

/** Each outcome's output lines joined with ' | ', sorted: an outcome set to compare exactly. */
export function outputs(r: Exploration): string[] {
  return r.outcomes.map((o) => o.output.join(' | ')).sort();
}

/** The distinct values of the outcomes, sorted by their JSON. */
export function values(r: Exploration): unknown[] {
  const byJson = new Map(r.outcomes.map((o) => [JSON.stringify(o.value), o.value]));
  return [...byJson.keys()].sort().map((k) => byJson.get(k));
}

/** A replayed run's steps as `task: op`. */
export async function traceOf(s: Scenario, schedule = '-'): Promise<string[]> {
  const run = await replay(s, { schedule });
  return run.trace!.map((t) => `${t.task}: ${t.op}`);
}
