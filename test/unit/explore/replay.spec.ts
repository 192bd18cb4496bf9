/**
 * Determinism: every outcome's schedule (or seed) replays it exactly, and the
 * same exploration run twice gives the same result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, replay, type Exploration, type Outcome, type Scenario } from '../../../src/index.js';
import workers from '../../../scenarios/workers.js';
import { programArb, programScenario } from '../programs.js';
import { outcomeKey, printTasks, withoutElapsed } from '../support.js';

// --- checks --------------------------------------------------------------------

/** What must be identical between an outcome and its replay. */
function essence(
  o: Pick<Outcome, 'output' | 'value' | 'result' | 'unfinished' | 'panic' | 'deadlock' | 'stepLimit'> & {
    violations?: Outcome['violations'];
  },
) {
  return {
    output: o.output,
    value: o.value,
    result: o.result,
    unfinished: o.unfinished,
    panic: o.panic === undefined ? undefined : { kind: o.panic.kind, task: o.panic.task, message: o.panic.message },
    deadlock: o.deadlock,
    stepLimit: o.stepLimit,
    violations: (o.violations ?? []).map((v) => `${v.task}: ${v.message}`),
  };
}

async function expectEveryOutcomeReplays(s: Scenario, r: Exploration): Promise<void> {
  for (const o of r.outcomes) {
    const run = await replay(s, { schedule: o.schedule });
    expect(essence(run), `schedule ${o.schedule}`).toEqual(essence(o));
    expect(run.schedule).toBe(o.schedule);
    expect(run.steps).toBe(o.steps);
    expect(run.time).toBe(o.time);
    // The trace is a function of the schedule: byte for byte the same on a second replay.
    const again = await replay(s, { schedule: o.schedule });
    expect(JSON.stringify(again.trace)).toBe(JSON.stringify(run.trace));
    // The schedule has one entry per step with more than one enabled move.
    expect(run.trace!.filter((t) => t.enabled > 1).map((t) => t.task)).toHaveLength(run.choices.length);
  }
}

// --- fixed scenarios -------------------------------------------------------------


const lostUpdate: Scenario = {
  name: 'lost-update',
  async main({ go, shared, waitGroup }) {
    const n = shared('n', 0);
    const wg = waitGroup();
    wg.add(2);
    for (const name of ['A', 'B']) {
      go(async () => {
        const v = await n.get();
        await n.set(v + 1);
        wg.done();
      }, name);
    }
    await wg.wait();
    return n.get();
  },
};

const sometimesPanics: Scenario = {
  name: 'sometimes-panics',
  async main({ go, shared, print, assert }) {
    const flag = shared('flag', false);
    go(async () => {
      await flag.set(true);
    }, 'setter');
    go(async () => {
      if (await flag.get()) throw new Error('saw the flag');
      assert(false, 'flag not set yet');
      await print('checker done');
    }, 'checker');
    await print('main done');
    return 'end';
  },
};

describe('replay reproduces every outcome', () => {
  it.each([workers, lostUpdate, sometimesPanics, printTasks([2, 2, 1])])('$name', async (s) => {
    const r = await explore(s);
    expect(r.complete).toBe(true);
    await expectEveryOutcomeReplays(s, r);
  });

  it('lost-update: exactly the values 1 and 2, each schedule replays to its value', async () => {
    const r = await explore(lostUpdate);
    expect(r.outcomes.map((o) => o.value).sort()).toEqual([1, 2]);
    for (const o of r.outcomes) expect((await replay(lostUpdate, { schedule: o.schedule })).value).toBe(o.value);
  });

  it('property: generated programs (print/sleep/yield/shared/waitGroup/assert/throw) replay every outcome', async () => {
    await fc.assert(
      fc.asyncProperty(programArb, async (p) => {
        const s = programScenario(p);
        const r = await explore(s, { maxExecutions: 300 });
        expect(r.outcomes.reduce((n, o) => n + o.count, 0)).toBe(r.executions);
        await expectEveryOutcomeReplays(s, r);
      }),
      { numRuns: 60 },
    );
  });
});

describe('exploration is deterministic', () => {
  it.each([workers, lostUpdate, sometimesPanics, printTasks([2, 2])])(
    'exhaustive twice: equal except elapsedMs ($name)',
    async (s) => {
      const a = await explore(s, { file: 'x.ts' });
      const b = await explore(s, { file: 'x.ts' });
      expect(withoutElapsed(b)).toEqual(withoutElapsed(a));
      expect(JSON.stringify(withoutElapsed(b))).toBe(JSON.stringify(withoutElapsed(a)));
    },
  );

  it('property: generated programs explore the same way twice', async () => {
    await fc.assert(
      fc.asyncProperty(programArb, async (p) => {
        const s = programScenario(p);
        const a = await explore(s, { maxExecutions: 200 });
        const b = await explore(s, { maxExecutions: 200 });
        expect(JSON.stringify(withoutElapsed(b))).toBe(JSON.stringify(withoutElapsed(a)));
      }),
      { numRuns: 30 },
    );
  });
});

describe('random strategy', () => {
  const s = printTasks([2, 2, 2]);

  it('the same seed gives the same JSON, bar elapsedMs', async () => {
    const a = await explore(s, { strategy: 'random', seed: 12345, maxExecutions: 200 });
    const b = await explore(s, { strategy: 'random', seed: 12345, maxExecutions: 200 });
    expect(JSON.stringify(withoutElapsed(b))).toBe(JSON.stringify(withoutElapsed(a)));
    expect(a.strategy).toBe('random');
    expect(a.seed).toBe(12345);
    expect(a.executions).toBe(200);
    expect(a.complete).toBe(false);
    expect(a.stopReason).toBe('max-executions');
    expect(a.outcomes.reduce((n, o) => n + o.count, 0)).toBe(200);
  });

  it('samples only real outcomes: every random outcome is one the exhaustive search finds', async () => {
    const all = new Set((await explore(s)).outcomes.map(outcomeKey));
    const r = await explore(s, { strategy: 'random', seed: 7, maxExecutions: 300 });
    for (const o of r.outcomes) expect(all.has(outcomeKey(o))).toBe(true);
    // 300 uniform walks over 90 outcomes find well over a handful of them.
    expect(r.outcomes.length).toBeGreaterThan(10);
  });

  it('each outcome’s seed replays it alone, with the same schedule', async () => {
    const r = await explore(s, { strategy: 'random', seed: 99, maxExecutions: 100 });
    for (const o of r.outcomes) {
      expect(typeof o.seed).toBe('number');
      const run = await replay(s, { seed: o.seed! });
      expect(essence(run)).toEqual(essence(o));
      expect(run.schedule).toBe(o.schedule);
      // ... and its schedule replays it too.
      expect(essence(await replay(s, { schedule: o.schedule }))).toEqual(essence(o));
    }
    // Execution 0 runs with the exploration's seed itself.
    expect(r.outcomes.some((o) => o.seed === 99)).toBe(true);
  });

  it('property: for any seed, random outcomes replay by seed and by schedule', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), programArb, async (seed, p) => {
        const sc = programScenario(p);
        const r = await explore(sc, { strategy: 'random', seed, maxExecutions: 20 });
        for (const o of r.outcomes) {
          const run = await replay(sc, { seed: o.seed! });
          expect(essence(run)).toEqual(essence(o));
          // The seed runs the first execution; a finding's schedule may be a shorter one (see minimize.ts).
          expect(run.schedule).toBe(o.firstSchedule ?? o.schedule);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('exhaustive outcomes carry no seed', async () => {
    const r = await explore(s);
    for (const o of r.outcomes) expect(o.seed).toBeUndefined();
  });
});
