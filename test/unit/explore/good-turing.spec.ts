/**
 * How sure a sample is: the Good–Turing estimate of the chance that the next
 * execution shows an outcome not seen yet, = outcomes seen once / executions,
 * and --until-confident, which samples until it is below p.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, OptionError, type Exploration, type Scenario } from '../../../src/index.js';
import { renderText } from '../../../src/report/text.js';
import workers from '../../../scenarios/workers.js';

const singletons = (r: Exploration): number => r.outcomes.filter((o) => o.count === 1).length;

/** Two choices of n values each: n² outcomes, most of them rare in a small sample. */
const twoChoices = (n: number): Scenario => ({
  name: `two-choices-${n}`,
  async main({ choose, print }) {
    await print(`${await choose(n)} ${await choose(n)}`);
  },
});

describe('unseenEstimate', () => {
  it('is outcomes seen exactly once over executions: workers.ts, seed 1, 10 executions → counts 5, 3, 1, 1 → 2/10', async () => {
    const r = await explore(workers, { strategy: 'random', seed: 1, maxExecutions: 10 });
    expect(r.outcomes.map((o) => o.count)).toEqual([5, 3, 1, 1]);
    expect(r.unseenEstimate).toBe(0.2);
  });

  it('matches the formula on any sample (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 120 }), async (seed, n) => {
        const r = await explore(twoChoices(6), { strategy: 'random', seed, maxExecutions: n });
        expect(r.executions).toBe(n);
        expect(r.unseenEstimate).toBe(singletons(r) / n);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('shrinks as the sample grows: workers.ts, the same seed, 10 then 1,000 executions', async () => {
    const small = await explore(workers, { strategy: 'random', seed: 1, maxExecutions: 10 });
    const large = await explore(workers, { strategy: 'random', seed: 1, maxExecutions: 1000 });
    expect(small.unseenEstimate).toBe(0.2);
    expect(large.unseenEstimate).toBe(singletons(large) / 1000);
    expect(large.unseenEstimate!).toBeLessThan(small.unseenEstimate!);
    // All 4 outcomes are common by then: none seen only once.
    expect(large.outcomes).toHaveLength(4);
    expect(large.unseenEstimate).toBe(0);
  });

  it('counts the outcomes beyond --max-outcomes (only counted, not kept) as seen once: an upper bound', async () => {
    const r = await explore(twoChoices(10), { strategy: 'random', maxExecutions: 200, maxOutcomes: 5 });
    expect(r.outcomes).toHaveLength(5);
    expect(r.otherOutcomes!.count).toBeGreaterThan(0);
    expect(r.unseenEstimate).toBe((singletons(r) + r.otherOutcomes!.count) / 200);
  });

  it('is absent for an exhaustive search', async () => {
    const r = await explore(workers);
    expect('unseenEstimate' in r).toBe(false);
    expect(renderText(r)).not.toContain('unseen');
  });

  it('is said in the text report', async () => {
    const r = await explore(workers, { strategy: 'random', seed: 1, maxExecutions: 10 });
    expect(renderText(r).split('\n')[2]).toBe(
      'unseen outcomes: a 20% chance that the next execution shows an outcome not seen yet (Good–Turing: 2 outcomes seen once in 10 executions)',
    );
  });
});

describe('untilConfident', () => {
  it('stops at the first execution (from ⌈1/p⌉ on) where the estimate is below p, and says so', async () => {
    const p = 0.05;
    const r = await explore(workers, { strategy: 'random', seed: 3, untilConfident: p });
    expect(r.stopReason).toBe('confident');
    expect(r.complete).toBe(false);
    expect(r.options.untilConfident).toBe(p);
    expect(r.unseenEstimate!).toBeLessThan(p);
    expect(r.executions).toBeGreaterThanOrEqual(20);
    // It stopped at the first such point: one execution fewer was not yet confident.
    const before = await explore(workers, { strategy: 'random', seed: 3, maxExecutions: r.executions - 1 });
    expect(before.executions < 20 || before.unseenEstimate! >= p).toBe(true);
    expect(renderText(r).split('\n')[1]).toContain('· sample, confident (unseen estimate below 5.0%) ·');
  });

  it('stops at the budget when the estimate stays high, and says it is not confident', async () => {
    const r = await explore(twoChoices(100), { strategy: 'random', untilConfident: 0.01, maxExecutions: 300 });
    expect(r.stopReason).toBe('max-executions');
    expect(r.executions).toBe(300);
    expect(r.unseenEstimate!).toBeGreaterThanOrEqual(0.01);
    expect(renderText(r).split('\n')[1]).toContain('· sample, NOT confident (stopped at --max-executions) ·');
  });

  it('samples past the usual 1,000 executions when no bound is given', async () => {
    const r = await explore(twoChoices(30), { strategy: 'random', seed: 1, untilConfident: 0.002 });
    expect(r.stopReason).toBe('confident');
    expect(r.executions).toBeGreaterThan(1000);
    expect(r.unseenEstimate!).toBeLessThan(0.002);
  });

  it('needs a sampling strategy and a p between 0 and 1', async () => {
    await expect(explore(workers, { strategy: 'exhaustive', untilConfident: 0.1 })).rejects.toThrow(OptionError);
    await expect(explore(workers, { strategy: 'exhaustive', untilConfident: 0.1 })).rejects.toThrow(
      '`untilConfident` (--until-confident) needs a sampling strategy (--strategy random), got "exhaustive"',
    );
    for (const bad of [0, 1, -0.5, Number.NaN]) {
      await expect(explore(workers, { strategy: 'random', untilConfident: bad })).rejects.toThrow(
        /^Expected `untilConfident` \(--until-confident\) to be a number between 0 and 1 such as 0\.01, got /,
      );
    }
  });
});
