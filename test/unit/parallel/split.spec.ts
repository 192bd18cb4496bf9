/**
 * Split searches, in this thread (shards without workers): the shards of a
 * run, merged, are exactly the single run — outcomes, counts, first
 * schedules, findings — for exhaustive search and random samples alike.
 * Worker threads are covered end to end in test/e2e/parallel.spec.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore as exploreWith, type ExploreOptions, type Exploration, type Scenario } from '../../../src/index.js';
import { mergeShardReports } from '../../../src/parallel/merge-reports.js';
import { chunks, shardRange } from '../../../src/parallel/split.js';
import violation from '../../../scenarios/violation.js';
import workers from '../../../scenarios/workers.js';
import deadlock from '../../../scenarios/deadlock.js';
import { printTasks, withoutElapsed } from '../support.js';

/** Exhaustive search unless the test says otherwise (dpor, the default, does not split). */
const explore = (s: Scenario, options: ExploreOptions = {}): Promise<Exploration> =>
  exploreWith(s, { strategy: 'exhaustive', ...options });

/** A report without what may differ between a split run and a single one: the real time taken. */
function comparable(r: Exploration): unknown {
  return withoutElapsed(r);
}

/** The loader merge uses to replay a few executions: here, the scenario object itself. */
const load = (s: Scenario) => async () => ({ scenario: s, selectByName: false });

const SCENARIOS: Scenario[] = [
  printTasks([2, 2, 1]),
  printTasks([1, 1, 1, 1]),
  workers,
  violation as Scenario,
  deadlock as Scenario,
];

async function shardsMerged(s: Scenario, n: number, options: Parameters<typeof explore>[1] = {}): Promise<Exploration> {
  const shards: Exploration[] = [];
  for (let i = 1; i <= n; i++) shards.push(await explore(s, { ...options, shard: `${i}/${n}` }));
  const merged = await mergeShardReports(
    shards.map((report, i) => ({ report, where: `shard-${i + 1}.json` })),
    load(s),
  );
  expect(merged).toHaveLength(1);
  return merged[0]!;
}

describe('sharded exhaustive search', () => {
  it('shards partition the executions, and merged they are the single run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SCENARIOS), fc.integer({ min: 1, max: 7 }), async (s, n) => {
        const single = await explore(s);
        const merged = await shardsMerged(s, n);
        expect(comparable(merged)).toEqual(comparable(single));
      }),
      { numRuns: 25, seed: 6 },
    );
  });

  it('each shard records its cut of the tree, the same for every shard', async () => {
    const s = printTasks([2, 2, 2]);
    const a = await explore(s, { shard: '1/3' });
    const b = await explore(s, { shard: { index: 3, count: 3 } });
    expect(a.shard).toMatchObject({ index: 1, count: 3, depth: b.shard!.depth, subtrees: b.shard!.subtrees });
    expect(a.shard!.log!.pairs.length).toBeGreaterThan(0);
    expect(b.shard!.subtrees).toBeGreaterThanOrEqual(3 * 16);
    // 6!/(2!2!2!) = 90 executions in all.
    const c = await explore(s, { shard: '2/3' });
    expect(a.executions + b.executions + c.executions).toBe(90);
    expect(a.complete && b.complete && c.complete).toBe(true);
  });

  it('a scenario without choice points is one subtree: shard 1 has it, the others are empty and complete', async () => {
    const s: Scenario = { name: 'alone', main: async ({ print }) => print('hi') };
    const one = await explore(s, { shard: '1/2' });
    const two = await explore(s, { shard: '2/2' });
    expect([one.executions, two.executions]).toEqual([1, 0]);
    expect(two.complete).toBe(true);
    const merged = await mergeShardReports(
      [
        { report: one, where: 'a' },
        { report: two, where: 'b' },
      ],
      load(s),
    );
    expect(comparable(merged[0]!)).toEqual(comparable(await explore(s)));
  });

  it('a bound on executions in one piece does the executions of the single bounded run', async () => {
    // One shard of one: the subtrees run in depth-first order, so the bound cuts at the same execution.
    const s = printTasks([2, 2, 2]);
    const single = await explore(s, { maxExecutions: 37 });
    const split = await explore(s, { maxExecutions: 37, shard: '1/1' });
    const { shard, ...rest } = split;
    expect(shard).toMatchObject({ index: 1, count: 1 });
    expect(comparable(rest as Exploration)).toEqual(comparable(single));
    expect(single).toMatchObject({ executions: 37, complete: false, stopReason: 'max-executions' });
  });
});

describe('sharded random sample', () => {
  it('shards take contiguous ranges of executions; merged, they are the single sample', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SCENARIOS),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        async (s, n, seed) => {
          const options = { strategy: 'random', seed, maxExecutions: 60 } as const;
          const single = await explore(s, options);
          const merged = await shardsMerged(s, n, options);
          expect(comparable(merged)).toEqual(comparable(single));
        },
      ),
      { numRuns: 20, seed: 7 },
    );
  });

  it('ranges tile the sample', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 12 }), (total, n) => {
        const ranges = Array.from({ length: n }, (_, i) => shardRange(total, { index: i + 1, count: n }));
        expect(ranges[0]![0]).toBe(0);
        expect(ranges.at(-1)![1]).toBe(total);
        for (let i = 1; i < n; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
        const parts = chunks(0, total, n);
        expect(parts.reduce((sum, [a, b]) => sum + (b - a), 0)).toBe(total);
        expect(parts.every(([a, b]) => b > a)).toBe(true);
      }),
    );
  });
});

describe('merge refuses shards that do not belong together', () => {
  const s = printTasks([1, 1, 1]);
  const where = (r: Exploration, w: string) => ({ report: r, where: w });

  it('a missing shard, a shard given twice, a report that is no shard', async () => {
    const [a, b] = [await explore(s, { shard: '1/3' }), await explore(s, { shard: '2/3' })];
    await expect(mergeShardReports([where(a, 'a.json'), where(b, 'b.json')], load(s))).rejects.toThrow(
      'shard 3/3 of "print-tasks-1x1x1" missing (got 1/3, 2/3)',
    );
    await expect(
      mergeShardReports([where(a, 'a.json'), where(a, 'c.json'), where(b, 'b.json')], load(s)),
    ).rejects.toThrow('shard 1/3 of "print-tasks-1x1x1" is given twice: a.json and c.json');
    const all = await explore(s);
    await expect(mergeShardReports([where(all, 'all.json')], load(s))).rejects.toThrow(
      'all.json: the report of "print-tasks-1x1x1" is not a shard\'s (explore it with --shard i/n to merge it)',
    );
  });

  it('different strategy, seed, options or shard count', async () => {
    const a = await explore(s, { shard: '1/2' });
    const b = await explore(s, { shard: '2/2', strategy: 'random' });
    await expect(mergeShardReports([where(a, 'a.json'), where(b, 'b.json')], load(s))).rejects.toThrow(
      'the shards of "print-tasks-1x1x1" do not match: strategy is exhaustive in a.json but random in b.json',
    );
    const r1 = await explore(s, { shard: '1/2', strategy: 'random', seed: 1 });
    const r2 = await explore(s, { shard: '2/2', strategy: 'random', seed: 2 });
    await expect(mergeShardReports([where(r1, 'a.json'), where(r2, 'b.json')], load(s))).rejects.toThrow(
      'seed is 1 in a.json but 2 in b.json',
    );
    const m = await explore(s, { shard: '2/2', maxSteps: 50 });
    await expect(mergeShardReports([where(a, 'a.json'), where(m, 'b.json')], load(s))).rejects.toThrow(
      /options is .* in a\.json but .*"maxSteps":50/,
    );
    const c = await explore(s, { shard: '2/3' });
    await expect(mergeShardReports([where(a, 'a.json'), where(c, 'b.json')], load(s))).rejects.toThrow(
      'shard count is 2 in a.json but 3 in b.json',
    );
  });

  it('a scenario whose code changed between shards cuts its tree differently', async () => {
    const a = await explore(printTasks([1, 1, 1]), { shard: '1/2' });
    const b = await explore({ ...printTasks([2, 1, 1]), name: 'print-tasks-1x1x1' }, { shard: '2/2' });
    await expect(mergeShardReports([where(a, 'a.json'), where(b, 'b.json')], load(s))).rejects.toThrow(
      /do not match: split is \d+ subtrees at depth \d+ in a\.json but \d+ subtrees at depth \d+ in b\.json/,
    );
  });
});

describe('options', () => {
  const s = printTasks([1, 1]);
  it('rejects bad workers and shards with the option named', async () => {
    await expect(explore(s, { workers: 0 })).rejects.toThrow(
      'Expected `workers` (--workers) to be a whole number from 1 to 256, got 0 (number)',
    );
    await expect(explore(s, { shard: '3/2' })).rejects.toThrow(
      'Expected `shard` (--shard) to be i/n with 1 ≤ i ≤ n, such as 1/4, got "3/2"',
    );
    await expect(explore(s, { shard: { index: 0, count: 2 } })).rejects.toThrow('got an object');
  });

  it('workers need the scenario file, since a scenario object cannot cross to a thread', async () => {
    await expect(explore(s, { workers: 2 })).rejects.toThrow(
      "`workers` (--workers) needs the scenario's file: each worker thread loads the scenario from it",
    );
  });

  it('only exhaustive and random explorations split', async () => {
    await expect(explore(s, { shard: '1/2', strategy: 'dpor' })).rejects.toThrow(
      '`shard` (--shard) splits an exhaustive or random exploration, not "dpor" (string) (dpor, the default, runs in one piece: add --strategy exhaustive)',
    );
  });
});
