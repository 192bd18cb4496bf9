import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/index.js';
import cache from '../../../scenarios/cache.js';
import cacheSharedPromise from '../../../scenarios/cache-shared-promise.js';
import { exploreStory, kinds, outcomes } from './verdict.js';

describe('the async cache', () => {
  it('check-then-act: two concurrent requests can both miss and fetch twice', async () => {
    const r = await exploreStory(cache, 'cache.ts');
    expect(r.executions).toBe(12);
    expect(outcomes(r)).toEqual([
      [['r1 got user:1 (fetch #1)', 'r2 got user:1 (fetch #1)'], 'ok', 1],
      [['r1 got user:1 (fetch #1)', 'r2 got user:1 (fetch #2)'], 'violation', 2],
      [['r1 got user:1 (fetch #2)', 'r2 got user:1 (fetch #1)'], 'violation', 2],
    ]);
    expect(kinds(r)).toEqual(['ordering', 'violation']);
    expect(r.findings.find((f) => f.kind === 'violation')!.message).toMatch(
      /^assertion failed in task main: user:1 was fetched 2 times \(scenarios\/cache\.ts:\d+\)$/,
    );
  });

  it('sharing the in-flight promise: one fetch in every schedule, no finding', async () => {
    const r = await exploreStory(cacheSharedPromise, 'cache-shared-promise.ts');
    expect(r.executions).toBe(8);
    expect(outcomes(r)).toEqual([[['r1 got user:1 (fetch #1)', 'r2 got user:1 (fetch #1)'], 'ok', 1]]);
    expect(kinds(r)).toEqual([]);
  });

  it('a request that finds the fetch in flight waits on it as a step of its own', async () => {
    // r1 and r2 arrive (their yields), r1 misses and starts the fetch, r2 finds it in flight.
    const run = await replay(cacheSharedPromise, { schedule: '122' });
    expect(run.trace!.map((s) => `${s.task}: ${s.op}`)).toEqual([
      'r1: yield',
      'r2: yield',
      'r1: io fetch:user:1',
      'r2: await io fetch:user:1 (of r1)',
      'main: join r1',
      'main: print "r1 got user:1 (fetch #1)"',
      'main: join r2',
      'main: print "r2 got user:1 (fetch #1)"',
    ]);
    // r2's await was enabled only once the fetch had completed.
    expect(run.trace!.map((s) => s.enabled)).toEqual([2, 2, 1, 2, 1, 1, 1, 1]);
  });
});
