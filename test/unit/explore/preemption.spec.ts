import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, OptionError, replay, type Scenario } from '../../../src/index.js';
import { render } from '../../../src/report/index.js';
import { lostUpdate } from '../support.js';

/** The strategy these counts are about (the default is dpor, which explores fewer schedules). */
const EXHAUSTIVE = { strategy: 'exhaustive' } as const;


/** Tasks A, B, ...; task t prints ns[t] lines and returns; main waits for them with a WaitGroup. */
function printers(ns: readonly number[]): Scenario {
  return {
    name: `printers-${ns.join('x')}`,
    async main({ go, print, waitGroup }) {
      const wg = waitGroup();
      wg.add(ns.length);
      ns.forEach((n, t) => {
        const name = String.fromCharCode(65 + t);
        go(async () => {
          for (let i = 0; i < n; i++) await print(`${name}${i}`);
          wg.done();
        }, name);
      });
      await wg.wait();
    },
  };
}

/**
 * Oracle: the interleavings of tasks printing ns[t] lines each that have at
 * most `bound` preemptions. Switching away from a task with lines left is a
 * preemption; switching after its last line (it returns in that step) is not.
 */
function boundedInterleavings(ns: readonly number[], bound: number): number {
  const go = (left: number[], last: number, used: number): number => {
    if (left.every((n) => n === 0)) return 1;
    let total = 0;
    for (let t = 0; t < left.length; t++) {
      if (left[t] === 0) continue;
      const cost = last >= 0 && last !== t && left[last]! > 0 ? 1 : 0;
      if (used + cost > bound) continue;
      const next = left.slice();
      next[t]!--;
      total += go(next, t, used + cost);
    }
    return total;
  };
  return go(ns.slice(), -1, 0);
}

describe('--preemptions (preemption-bounded exhaustive search)', () => {
  it('bound 0 runs each task until it blocks or returns: 2 of the 6 interleavings of 2 × 2 prints', async () => {
    const r = await explore(printers([2, 2]), { ...EXHAUSTIVE, preemptions: 0 });
    expect(r.outcomes.map((o) => o.output.join(' '))).toEqual(['A0 A1 B0 B1', 'B0 B1 A0 A1']);
    expect(r.executions).toBe(2);
    expect(r.complete).toBe(false);
    expect(r.stopReason).toBe('preemption-bound');
    expect(r.options.preemptions).toBe(0);
    expect(render(r, 'text').split('\n')[1]).toMatch(/^exhaustive · 2 executions · complete up to 0 preemptions \(--preemptions\) · 2 outcomes · /);
  });

  it('bound 1 adds the schedules with one switch away from a task that could go on', async () => {
    const r = await explore(printers([2, 2]), { ...EXHAUSTIVE, preemptions: 1 });
    expect(r.outcomes.map((o) => o.output.join(' ')).sort()).toEqual(['A0 A1 B0 B1', 'A0 B0 B1 A1', 'B0 A0 A1 B1', 'B0 B1 A0 A1']);
    expect(r.complete).toBe(false);
    expect(r.stopReason).toBe('preemption-bound');
  });

  it('a bound that leaves nothing out is a complete search, the same as without a bound', async () => {
    const bounded = await explore(printers([2, 2]), { ...EXHAUSTIVE, preemptions: 2 });
    const full = await explore(printers([2, 2]), EXHAUSTIVE);
    expect(bounded.executions).toBe(6);
    expect(bounded.complete).toBe(true);
    expect(bounded.stopReason).toBeUndefined();
    expect(bounded.outcomes.map((o) => [o.output, o.schedule])).toEqual(full.outcomes.map((o) => [o.output, o.schedule]));
  });

  it('runs exactly the interleavings with at most k preemptions (property, against a counting oracle)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 3 }), fc.integer({ min: 0, max: 3 }), async (ns, k) => {
        const r = await explore(printers(ns), { ...EXHAUSTIVE, preemptions: k, minimize: false, checkDeterminism: false });
        const expected = boundedInterleavings(ns, k);
        expect(r.executions).toBe(expected);
        expect(r.outcomes).toHaveLength(expected); // every interleaving prints differently
        expect(r.complete).toBe(expected === boundedInterleavings(ns, Infinity));
      }),
      { numRuns: 40, seed: 4242 },
    );
  });

  it('the lost update needs a preemption: bound 0 never loses it, bound 1 does', async () => {
    expect((await explore(lostUpdate, { ...EXHAUSTIVE, preemptions: 0 })).outcomes.map((o) => o.value)).toEqual([2]);
    expect((await explore(lostUpdate, { ...EXHAUSTIVE, preemptions: 1 })).outcomes.map((o) => o.value).sort()).toEqual([1, 2]);
  });

  it('is checked: a whole number from 0, only for exhaustive search, in one piece', async () => {
    await expect(explore(lostUpdate, { ...EXHAUSTIVE, preemptions: 1, shard: '1/2' })).rejects.toThrow(
      new OptionError('`preemptions` (--preemptions) cannot be split over workers or shards yet; run it in one piece'),
    );
    await expect(explore(lostUpdate, { ...EXHAUSTIVE, preemptions: -1 })).rejects.toThrow(
      new OptionError('Expected `preemptions` (--preemptions) to be a whole number from 0 and up, got -1 (number)'),
    );
    await expect(explore(lostUpdate, { strategy: 'random', preemptions: 1 })).rejects.toThrow(
      '`preemptions` (--preemptions) bounds an exhaustive search (--strategy exhaustive or dpor), got strategy "random" (string)',
    );
  });
});

describe('minimal counterexamples', () => {
  it('the lost-update counterexample needs exactly one preemption, and the report shows it', async () => {
    const r = await explore(lostUpdate, { ...EXHAUSTIVE, file: 'lost.ts' });
    expect(r.outcomes.map((o) => [o.value, o.result, o.schedule, o.preemptions, o.firstSchedule])).toEqual([
      [1, 'violation', '122', 1, '121'],
      [2, 'ok', '11', undefined, undefined],
    ]);
    const bad = r.outcomes[0]!;
    expect(bad.replay).toBe('npx interleave replay lost.ts --schedule 122');
    const run = await replay(lostUpdate, { schedule: bad.schedule });
    expect(run.value).toBe(1);
    expect(run.result).toBe('violation');
    expect(run.trace!.map((s) => [s.task, s.op, s.preemption ?? false])).toEqual([
      ['A', 'get x', false],
      ['B', 'get x', true], // A could have gone on to its set: the one preemption
      ['B', 'set x = 1', false],
      ['A', 'set x = 1', false],
      ['main', 'wait wg#1 (counter 0)', false],
      ['main', 'get x', false],
    ]);
    // The first schedule found has two: B's get, and A's set while B could go on.
    const first = await replay(lostUpdate, { schedule: bad.firstSchedule! });
    expect(first.value).toBe(1);
    expect(first.trace!.filter((s) => s.preemption === true).map((s) => s.step)).toEqual([2, 3]);
  });

  it('marks the preemptions in the traces of the report', async () => {
    const r = await explore(lostUpdate, { ...EXHAUSTIVE, trace: true });
    expect(r.outcomes[0]!.trace!.filter((s) => s.preemption === true).map((s) => `${s.step} ${s.task} ${s.op}`)).toEqual([
      '2 B get x',
    ]);
    expect(r.outcomes[1]!.trace!.some((s) => s.preemption === true)).toBe(false);
  });

  it('keeps the schedules as found with minimize: false', async () => {
    const r = await explore(lostUpdate, { ...EXHAUSTIVE, minimize: false });
    expect(r.outcomes.map((o) => [o.schedule, o.preemptions, o.firstSchedule])).toEqual([
      ['121', undefined, undefined],
      ['11', undefined, undefined],
    ]);
  });

  it('keeps the first schedule when the budget runs out before a smaller one is found', async () => {
    // Bound 0 has 2 executions, neither a lost update; bound 1 finds one at its second: 4 in all.
    const r = await explore(lostUpdate, { ...EXHAUSTIVE, minimize: 3 });
    expect(r.outcomes[0]!).toMatchObject({ schedule: '121', preemptions: 2 });
    expect(r.outcomes[0]!.firstSchedule).toBeUndefined();
    const more = await explore(lostUpdate, { ...EXHAUSTIVE, minimize: 4 });
    expect(more.outcomes[0]!).toMatchObject({ schedule: '122', preemptions: 1, firstSchedule: '121' });
  });

  it('every minimized schedule replays to its outcome with no more preemptions than the first (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), async (seed) => {
        const r = await explore(lostUpdate, { strategy: 'random', seed, maxExecutions: 20 });
        for (const o of r.outcomes) {
          const run = await replay(lostUpdate, { schedule: o.schedule });
          expect([run.output, run.value, run.result]).toEqual([o.output, o.value, o.result]);
          if (o.result === 'ok') continue;
          expect(run.trace!.filter((s) => s.preemption === true)).toHaveLength(o.preemptions!);
          expect(o.preemptions).toBe(1);
        }
      }),
      { numRuns: 10, seed: 7 },
    );
  });
});
