/**
 * Virtual time: sleep, yield, now(). The clock moves only when no move is
 * enabled; timers due at the same instant are a choice; sleep(0) is a yield.
 */
import { describe, expect, it } from 'vitest';
import { explore, replay, type Runtime, type Scenario } from '../../../src/index.js';
import { siteOf, withoutElapsed } from '../support.js';

describe('virtual time', () => {
  it('a sleep of hours runs at once and now() reports the virtual time', { timeout: 5000 }, async () => {
    const hours: Scenario = {
      name: 'hours',
      async main({ sleep, print, now }) {
        await print(now());
        await sleep(3 * 3600 * 1000);
        await print(now());
        await sleep(24 * 3600 * 1000);
        return now();
      },
    };
    const o = (await explore(hours, { strategy: 'exhaustive' })).outcomes[0]!;
    expect(o).toMatchObject({ output: ['0', '10800000'], value: 97200000, time: 97200000, steps: 4 });
  });

  it('now() does not move while any move is enabled', async () => {
    const s: Scenario = {
      name: 'busy',
      async main({ go, sleep, print, now, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        go(async () => {
          await sleep(1);
          await print(`A at ${now()}`);
          wg.done();
        }, 'A');
        go(async () => {
          for (let i = 0; i < 3; i++) await print(`B${i} at ${now()}`);
          wg.done();
        }, 'B');
        await wg.wait();
        return now();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]).toMatchObject({
      output: ['B0 at 0', 'B1 at 0', 'B2 at 0', 'A at 1'],
      value: 1,
      schedule: '-',
    });
  });

  it('the clock jumps to the earliest timer; later timers stay ordered', async () => {
    const s: Scenario = {
      name: 'ordered-timers',
      async main({ go, sleep, print, now, waitGroup }) {
        const wg = waitGroup();
        wg.add(3);
        for (const [name, ms] of [
          ['late', 30],
          ['early', 10],
          ['middle', 20],
        ] as const) {
          go(async () => {
            await sleep(ms);
            await print(`${name} ${now()}`);
            wg.done();
          }, name);
        }
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]!.output).toEqual(['early 10', 'middle 20', 'late 30']);
    const run = await replay(s, { schedule: '-' });
    expect(run.trace!.map((t) => [t.time, t.task, t.op])).toEqual([
      [10, 'early', 'sleep 10ms (until 10ms)'],
      [10, 'early', 'print "early 10"'],
      [20, 'middle', 'sleep 20ms (until 20ms)'],
      [20, 'middle', 'print "middle 20"'],
      [30, 'late', 'sleep 30ms (until 30ms)'],
      [30, 'late', 'print "late 30"'],
      [30, 'main', 'wait wg#1 (counter 0)'],
    ]);
  });

  it('timers due at the same instant are enabled together: their order is a choice', async () => {
    const s: Scenario = {
      name: 'same-instant',
      async main({ go, sleep, print, now, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        go(async () => {
          await sleep(10);
          await print(`A ${now()}`);
          wg.done();
        }, 'A');
        go(async () => {
          // Two sleeps adding up to the same instant.
          await sleep(4);
          await sleep(6);
          await print(`B ${now()}`);
          wg.done();
        }, 'B');
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.output).sort()).toEqual([
      ['A 10', 'B 10'],
      ['B 10', 'A 10'],
    ]);
    const run = await replay(s, { schedule: r.outcomes[0]!.schedule });
    const firstAt10 = run.trace!.find((t) => t.time === 10)!;
    expect(firstAt10.enabled).toBe(2);
    expect(firstAt10.op).toMatch(/^sleep /);
  });

  it('a timer is enabled when its time has come, not before (no early wake-up)', async () => {
    const s: Scenario = {
      name: 'not-before',
      async main({ go, sleep, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        go(async () => {
          await sleep(5);
          await print('five');
          wg.done();
        }, 'A');
        go(async () => {
          await sleep(4);
          await print('four');
          await sleep(1);
          await print('four+one');
          wg.done();
        }, 'B');
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    // At 5 both "five" (A's timer) and "four+one" (B's second timer) are due: two orders.
    expect(r.outcomes.map((o) => o.output).sort()).toEqual([
      ['four', 'five', 'four+one'],
      ['four', 'four+one', 'five'],
    ]);
  });

  it('sleep(0) behaves like yield: same exploration, op "yield", no time passes', async () => {
    const make = (pause: (rt: Runtime) => Promise<void>): Scenario => ({
      name: 'pause',
      async main(rt) {
        const wg = rt.waitGroup();
        wg.add(2);
        for (const n of ['A', 'B']) {
          rt.go(async () => {
            await rt.print(`${n}1`);
            await pause(rt);
            await rt.print(`${n}2 at ${rt.now()}`);
            wg.done();
          }, n);
        }
        await wg.wait();
      },
    });
    const viaSleep = make((rt) => rt.sleep(0));
    const viaYield = make((rt) => rt.yield());
    const a = await explore(viaSleep, { strategy: 'exhaustive' });
    const b = await explore(viaYield, { strategy: 'exhaustive' });
    expect(withoutElapsed(a)).toEqual(withoutElapsed(b));
    // 2 tasks × 3 operations: 6!/(3!·3!) orders, 4!/(2!·2!) distinct outputs (the pauses print nothing).
    expect(a.executions).toBe(20);
    expect(a.outcomes).toHaveLength(6);
    const run = await replay(viaSleep, { schedule: a.outcomes[0]!.schedule });
    expect(run.trace!.filter((t) => t.op === 'yield')).toHaveLength(2);
    expect(run.trace!.every((t) => t.time === 0)).toBe(true);
  });

  it('sleep(0) does not let a pending timer fire first', async () => {
    const s: Scenario = {
      name: 'zero-vs-timer',
      async main({ go, sleep, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        go(async () => {
          await sleep(1);
          await print('timer');
          wg.done();
        }, 'A');
        go(async () => {
          await sleep(0);
          await print('zero');
          wg.done();
        }, 'B');
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.output)).toEqual([['zero', 'timer']]);
  });

  it('yield alone between two tasks is a choice point each time', async () => {
    const s: Scenario = {
      name: 'yields',
      async main({ go, yield: y, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        for (const n of ['A', 'B']) {
          go(async () => {
            await y();
            await y();
            wg.done();
          }, n);
        }
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.executions).toBe(6); // 4!/(2!·2!)
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]!.count).toBe(6);
  });

  it.each([
    { ms: -1, shown: '-1' },
    { ms: NaN, shown: 'NaN' },
    { ms: Infinity, shown: 'Infinity' },
    { ms: '5' as unknown as number, shown: '5' },
  ])('sleep($shown) is a panic in the calling task', async ({ ms, shown }) => {
    const s: Scenario = {
      name: 'bad-sleep',
      async main({ go, sleep, waitGroup }) {
        const wg = waitGroup();
        wg.add(1);
        go(async () => {
          await sleep(ms); // site:bad-sleep
          wg.done();
        }, 'sleeper');
        await wg.wait();
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).outcomes[0]).toMatchObject({
      result: 'panic',
      panic: {
        kind: 'exception',
        task: 'sleeper',
        message: `RangeError: sleep expects a finite number of milliseconds >= 0, got ${shown}`,
        site: siteOf(import.meta.url, 'site:bad-sleep'),
      },
    });
  });

  it('fractional milliseconds are virtual time too', async () => {
    const s: Scenario = {
      name: 'fraction',
      async main({ sleep, now }) {
        await sleep(0.5);
        await sleep(0.25);
        return now();
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).outcomes[0]).toMatchObject({ value: 0.75, time: 0.75 });
  });
});
