/**
 * Testing real code: the rate limiter of scenarios/lib/rate-limiter.ts,
 * unchanged, explored through io-wrapped store calls and the virtual clock
 * (scenarios/rate-limiter.ts). Exploration finds its lost update; the atomic
 * version is proven correct for every schedule; a fast-check property over
 * the inputs shrinks to the smallest breaking input, and one over schedules
 * to the smallest breaking schedule.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, replay } from '../../../src/index.js';
import {
  assertNoFindings,
  exploreProperty,
  InterleavePropertyError,
  PICK_RANGE,
  runScheduled,
  scheduleProperty,
} from '../../../src/fast-check.js';
import limiters, { limiterScenario } from '../../../scenarios/rate-limiter.js';
import '../../../src/vitest.js';

const FILE = 'scenarios/rate-limiter.ts';
/** The line of the scenario file that contains `text`. */
const lineOf = (text: string): number => readFileSync(FILE, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
const [buggy, fixed] = limiters as [(typeof limiters)[0], (typeof limiters)[0]];

describe('the verdict at the top of scenarios/rate-limiter.ts', () => {
  it('rate-limiter: 2 or 3 admitted; 3 is a violation, found with its replay command', async () => {
    const r = await explore(buggy, { file: FILE, selectByName: true });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => [o.value, o.result]).sort()).toEqual([
      [2, 'ok'],
      [3, 'violation'],
    ]);
    expect(r.findings.map((f) => f.kind).filter((k) => k === 'ordering' || k === 'violation')).toEqual([
      'ordering',
      'violation',
    ]);
    const bad = r.outcomes.find((o) => o.result === 'violation')!;
    expect(bad.violations).toEqual([
      { task: 'main', message: 'admitted 3 requests, limit 2', site: `${FILE}:${lineOf('assert(admitted')}` },
    ]);
    expect(bad.replay).toBe(`npx interleave replay ${FILE} --scenario rate-limiter --schedule ${bad.schedule}`);
    // The schedule replays to the same outcome.
    const run = await replay(buggy, { schedule: bad.schedule });
    expect([run.value, run.result]).toEqual([3, 'violation']);
  });

  it('rate-limiter-atomic: one outcome, 2 admitted, no finding', async () => {
    const r = await explore(fixed);
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => [o.value, o.result])).toEqual([[2, 'ok']]);
    expect(r.findings).toEqual([]);
    await expect(fixed).toBeDeterministic();
    await expect(fixed).toSatisfyAlways((o) => o.value === 2);
  });

  it('the fix holds for every number of requests and limit (a property over inputs)', async () => {
    await fc.assert(
      exploreProperty(
        fc.record({ requests: fc.integer({ min: 1, max: 4 }), limit: fc.integer({ min: 1, max: 3 }) }),
        (c) => limiterScenario({ ...c, fixed: true }),
        { check: (r, c) => r.outcomes.length === 1 && r.outcomes[0]!.value === Math.min(c.requests, c.limit) },
      ),
      { numRuns: 12, seed: 1 },
    );
  });
});

describe('with fast-check: the smallest input, and for it the schedule', () => {
  it('a property over inputs finds the bug and shrinks to 2 requests over a limit of 1', async () => {
    const details = await fc.check(
      exploreProperty(
        fc.record({ requests: fc.integer({ min: 1, max: 4 }), limit: fc.integer({ min: 1, max: 3 }) }),
        (c) => [limiterScenario(c), { file: FILE, selectByName: true }],
      ),
      { numRuns: 40, seed: 42 },
    );
    expect(details.failed).toBe(true);
    expect(details.counterexample).toEqual([{ requests: 2, limit: 1 }]);
    const error = details.errorInstance as InterleavePropertyError;
    expect(error).toBeInstanceOf(InterleavePropertyError);
    const message = error.message;
    expect(message.split('\n')[0]).toBe('exploring "rate-limiter-2-over-1" found 1 finding:');
    expect(message).toContain('violation: assertion failed in task main: admitted 2 requests, limit 1');
    // The schedule of the first failing execution found, its decisive steps, and how to replay it.
    const r = await explore(limiterScenario({ requests: 2, limit: 1 }));
    const bad = r.outcomes.find((o) => o.result === 'violation')!;
    expect(message).toContain(`schedule: ${bad.schedule}`);
    expect(message).toContain('steps around the decisive choices:');
    expect(message).toContain('io store.get rate:user-1:0');
    expect(message).toContain(
      `replay: npx interleave replay ${FILE} --scenario rate-limiter-2-over-1 --schedule ${bad.schedule}`,
    );
    expect(message).toContain(`in code: replay(scenario, { schedule: '${bad.schedule}' })`);
  });

  it('a property over schedules finds the lost update and shrinks to one departure from the default order', async () => {
    const scenario = limiterScenario({ requests: 2, limit: 1 });
    // Running the lowest task first admits one request: the default order is fine.
    expect((await runScheduled(scenario, [])).result).toBe('ok');
    const details = await fc.check(scheduleProperty(scenario, undefined, { file: FILE, selectByName: true }), {
      numRuns: 200,
      seed: 7,
    });
    expect(details.failed).toBe(true);
    // One pick, the smallest that takes the second of two moves: request2 reads the counter
    // first; then, in task order, request1 reads it too before either writes.
    expect(details.counterexample).toEqual([[PICK_RANGE / 2]]);
    const run = await runScheduled(scenario, [PICK_RANGE / 2]);
    expect([run.value, run.result]).toEqual([2, 'violation']);
    const message = (details.errorInstance as Error).message;
    expect(message.split('\n')[0]).toBe(
      `the run of "rate-limiter-2-over-1" under schedule ${run.schedule} ended with violation`,
    );
    expect(message).toContain(
      `replay: npx interleave replay ${FILE} --scenario rate-limiter-2-over-1 --schedule ${run.schedule}`,
    );
    // The schedule string replays the run.
    expect((await replay(scenario, { schedule: run.schedule })).value).toBe(2);
  });

  it('a pick is a position among the enabled moves, and past the picks the first move runs', async () => {
    const scenario = limiterScenario({ requests: 2, limit: 1 });
    // Two requests' reads are enabled at the first choice point: [0, 1/2) is request1, [1/2, 1) request2.
    const first = (await runScheduled(scenario, [PICK_RANGE / 2 - 1])).schedule;
    const second = (await runScheduled(scenario, [PICK_RANGE / 2])).schedule;
    expect(first[0]).toBe('1');
    expect(second[0]).toBe('2');
    expect((await runScheduled(scenario, [PICK_RANGE - 1, 0, 0, 0, 0, 0])).schedule).toBe(second);
    expect((await runScheduled(scenario, [0])).schedule).toBe((await runScheduled(scenario, [])).schedule);
  });

  it('assertNoFindings passes an exploration with only allowed findings', async () => {
    await expect(assertNoFindings(await explore(fixed))).resolves.toBeUndefined();
    await expect(assertNoFindings(await explore(buggy), { allow: ['ordering', 'violation'] })).resolves.toBeUndefined();
    await expect(assertNoFindings(await explore(buggy))).rejects.toThrow('exploring "rate-limiter" found 1 finding');
  });
});
