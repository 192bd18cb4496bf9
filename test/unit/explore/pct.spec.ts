import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, OptionError, replay, type Scenario } from '../../../src/index.js';
import { render } from '../../../src/report/index.js';
import { lostUpdate } from '../support.js';


/** Two tasks lock two mutexes in opposite orders. */
const lockOrder: Scenario = {
  name: 'lock-order',
  async main({ go, mutex, waitGroup, print }) {
    const a = mutex('a');
    const b = mutex('b');
    const wg = waitGroup();
    const both = async (first: typeof a, second: typeof a) => {
      await first.lock();
      await second.lock();
      second.unlock();
      first.unlock();
      wg.done();
    };
    wg.add(2);
    go(() => both(a, b), 'ab');
    go(() => both(b, a), 'ba');
    await wg.wait();
    await print('done');
  },
};

const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

describe('pct', () => {
  it.each(seeds)('finds the lock-order deadlock within 300 executions, seed %i', async (seed) => {
    const r = await explore(lockOrder, { strategy: 'pct', seed, maxExecutions: 300, minimize: false });
    expect(r.executions).toBe(300);
    expect(r.outcomes.map((o) => o.result).sort()).toEqual(['deadlock', 'ok']);
  });

  it.each(seeds)('finds the lost update within 300 executions, seed %i', async (seed) => {
    const r = await explore(lostUpdate, { strategy: 'pct', seed, maxExecutions: 300, minimize: false });
    expect(r.outcomes.map((o) => [o.result, o.value]).sort()).toEqual([
      ['ok', 2],
      ['violation', 1],
    ]);
  });

  it('runs the highest-priority task: with depth 1 (no change point) a task is never preempted, so no update is lost', async () => {
    const r = await explore(lostUpdate, { strategy: 'pct', depth: 1, maxExecutions: 300 });
    expect(r.outcomes.map((o) => o.value)).toEqual([2]);
    expect(r.outcomes[0]!.count).toBe(300);
    // Both tasks' priorities are random: both orders of the two tasks show up.
    const first = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map(async (seed) => {
        const run = await replay(lostUpdate, { seed, depth: 1, pctSteps: 0 });
        return run.trace![0]!.task;
      }),
    );
    expect(new Set(first)).toEqual(new Set(['A', 'B']));
  });

  it('is seeded: the same seed gives the same exploration, and each outcome replays by its seed and k', async () => {
    const a = await explore(lostUpdate, { strategy: 'pct', seed: 5, maxExecutions: 100, minimize: false });
    const b = await explore(lostUpdate, { strategy: 'pct', seed: 5, maxExecutions: 100, minimize: false });
    expect(b.outcomes).toEqual(a.outcomes);
    expect(a.strategy).toBe('pct');
    expect(a.options.depth).toBe(3);
    expect(render(a, 'text').split('\n')[1]).toMatch(/^pct \(seed 5, depth 3\) · 100 executions · sample · 2 outcomes · /);
    expect(a.complete).toBe(false);
    // Execution 0 runs with the seed itself, and no change point (k is not known yet).
    expect(a.outcomes.find((o) => o.seed === 5)).toMatchObject({ pctSteps: 0 });
    for (const o of a.outcomes) {
      const run = await replay(lostUpdate, { seed: o.seed!, depth: 3, pctSteps: o.pctSteps! });
      expect([run.schedule, run.output, run.value, run.result]).toEqual([o.schedule, o.output, o.value, o.result]);
    }
  });

  it('reports the Good–Turing estimate like random', async () => {
    const r = await explore(lostUpdate, { strategy: 'pct', seed: 1, maxExecutions: 50, minimize: false });
    const singletons = r.outcomes.filter((o) => o.count === 1).length;
    expect(r.unseenEstimate).toBe(singletons / 50);
  });

  it('takes the alternatives of a move uniformly (choose)', async () => {
    const pick: Scenario = {
      name: 'pick',
      async main({ choose }) {
        return choose(['x', 'y', 'z']);
      },
    };
    const r = await explore(pick, { strategy: 'pct', maxExecutions: 300 });
    expect(r.outcomes.map((o) => o.value).sort()).toEqual(['x', 'y', 'z']);
    for (const o of r.outcomes) expect(o.count).toBeGreaterThan(60);
  });

  it('--depth is a whole number from 1 and up', async () => {
    await expect(explore(lostUpdate, { strategy: 'pct', depth: 0 })).rejects.toThrow(
      new OptionError('Expected `depth` (--depth) to be a whole number from 1 and up, got 0 (number)'),
    );
    await expect(explore(lostUpdate, { strategy: 'pct', depth: 1.5 })).rejects.toThrow(OptionError);
  });

  it('every outcome found replays by its schedule (property over seeds and depths)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 4 }), async (seed, depth) => {
        const r = await explore(lockOrder, { strategy: 'pct', seed, depth, maxExecutions: 30, minimize: false });
        expect(r.executions).toBe(30);
        for (const o of r.outcomes) {
          const run = await replay(lockOrder, { schedule: o.schedule });
          expect([run.output, run.result]).toEqual([o.output, o.result]);
        }
      }),
      { numRuns: 15, seed: 11 },
    );
  });
});
