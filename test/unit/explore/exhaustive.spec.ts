/**
 * The exhaustive strategy's search: depth-first order, counts, bounds,
 * nondeterminism detection, and independence of concurrent explorations.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import { printTasks, withoutElapsed } from '../support.js';

describe('exhaustive search', () => {
  it('visits schedules depth-first, lowest task id first', async () => {
    const r = await explore(printTasks([1, 1, 1]), { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.schedule)).toEqual(['12', '13', '21', '23', '31', '32']);
    expect(r.outcomes.map((o) => o.output.join(''))).toEqual([
      'A0B0C0',
      'A0C0B0',
      'B0A0C0',
      'B0C0A0',
      'C0A0B0',
      'C0B0A0',
    ]);
  });

  it('counts steps over all executions', async () => {
    const r = await explore(printTasks([2, 2]), { strategy: 'exhaustive' });
    // 6 executions × (4 prints + main's wait).
    expect(r.executions).toBe(6);
    expect(r.steps).toBe(30);
    expect(r.outcomes.every((o) => o.steps === 5)).toBe(true);
  });

  it('groups executions with the same outcome: count, first schedule, most frequent first', async () => {
    const s: Scenario = {
      name: 'grouped',
      async main({ go, shared, waitGroup }) {
        const x = shared('x', 0);
        const wg = waitGroup();
        wg.add(3);
        for (const v of [1, 2, 3]) {
          go(async () => {
            await x.set(v);
            wg.done();
          }, `set${v}`);
        }
        await wg.wait();
        return x.get();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.executions).toBe(6);
    // The last writer wins: each value in 2 of the 6 orders; ties keep discovery order.
    expect(r.outcomes.map((o) => [o.value, o.count, o.schedule])).toEqual([
      [3, 2, '12'],
      [2, 2, '13'],
      [1, 2, '23'],
    ]);
  });

  it('a scenario that changes between runs is a nondeterministic-scenario finding, not a wrong result', async () => {
    let runs = 0;
    const s: Scenario = {
      name: 'nondeterministic',
      async main({ go, print }) {
        runs++;
        for (let i = 0; i < runs; i++) go(() => print(i));
        await print('m');
      },
    };
    // Without the sampled re-runs, the search itself sees the change.
    const r = await explore(s, { strategy: 'exhaustive', checkDeterminism: false });
    expect(r.findings[0]!.kind).toBe('nondeterministic-scenario');
    expect(r.findings[0]!.message).toContain(
      'choice point 1 had 2 enabled moves before and 3 now, under the same schedule',
    );
    expect([r.complete, r.stopReason]).toEqual([false, 'nondeterministic']);
    // With them (the default), the re-run of the first execution sees it first.
    runs = 0;
    const checked = await explore(s, { strategy: 'exhaustive' });
    expect(checked.findings[0]!.kind).toBe('nondeterministic-scenario');
    expect(checked.findings[0]!.message).toContain('execution 1 (schedule 0) ran differently under the same schedule: at step 1');
  });

  it('an aborted signal stops at the next execution boundary: complete false, stopReason interrupted', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await explore(printTasks([2, 2]), { strategy: 'exhaustive', signal: ac.signal });
    expect(r.executions).toBe(1);
    expect(r.complete).toBe(false);
    expect(r.stopReason).toBe('interrupted');
  });

  it('explorations running concurrently do not disturb each other', async () => {
    const a = printTasks([2, 2, 1]);
    const b = printTasks([3, 2]);
    const [ra, rb] = await Promise.all([explore(a, { strategy: 'exhaustive' }), explore(b, { strategy: 'exhaustive' })]);
    expect(withoutElapsed(ra)).toEqual(withoutElapsed(await explore(a, { strategy: 'exhaustive' })));
    expect(withoutElapsed(rb)).toEqual(withoutElapsed(await explore(b, { strategy: 'exhaustive' })));
    expect(ra.outcomes).toHaveLength(30);
    expect(rb.outcomes).toHaveLength(10);
  });
});
