/**
 * after(ms) and ticker(ms): timer channels under the virtual clock. A timer
 * is not a task; its value is in its channel from its due time on, the clock
 * jumps to it only when someone waits on it, and a ticker holds one tick and
 * drops the rest for a slow reader. Every test explores every schedule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

describe('after(ms)', () => {
  it('delivers the virtual time once, ms after the call, and the clock jumps there', async () => {
    const s: Scenario = {
      name: 'after',
      async main({ after, sleep, now }) {
        await sleep(200);
        const t = after(1000);
        const v = await t.recv();
        return [v, now()];
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.value, o.time, o.schedule])).toEqual([[[1200, 1200], 1200, '-']]);
    expect(await traceOf(s)).toEqual(['main: sleep 200ms (until 200ms)', 'main: recv after#1']);
  });

  it('select with a timeout: the answer, the timeout, or — due at the same instant — either', async () => {
    const timeout = (work: number): Scenario => ({
      name: `timeout-${work}`,
      async main({ go, channel, select, after, sleep, now }) {
        const jobs = channel<string>(0, 'jobs');
        go(async () => {
          await sleep(work);
          await jobs.send('done');
        }, 'W');
        const r = await select([jobs, after(1000)]);
        return r.index === 0 ? `${r.value} at ${now()}` : `timed out at ${now()} (timer says ${r.value})`;
      },
    });
    const fast = await exploreAll(timeout(500));
    expect(values(fast)).toEqual(['done at 500']);
    const slow = await exploreAll(timeout(1500));
    // main returns at 1000; the worker, still asleep, is left unfinished.
    expect(slow.outcomes.map((o) => [o.value, o.unfinished])).toEqual([['timed out at 1000 (timer says 1000)', ['W']]]);
    const tie = await exploreAll(timeout(1000));
    expect(values(tie)).toEqual(['done at 1000', 'timed out at 1000 (timer says 1000)']);
  });

  it('the trace shows the timeout taken by the select', async () => {
    const s: Scenario = {
      name: 'timeout-trace',
      async main({ channel, select, after }) {
        const jobs = channel<number>(0, 'jobs');
        return (await select([jobs, after(50)])).index;
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([1]);
    const run = await traceOf(s);
    expect(run).toEqual(['main: select [recv jobs, recv after#1] → recv after#1']);
  });

  it('a timer nobody waits on keeps nothing alive: the execution ends when main returns', async () => {
    const s: Scenario = {
      name: 'unwaited',
      async main({ after, sleep, now }) {
        after(1000);
        await sleep(10);
        return now();
      },
    };
    expect((await exploreAll(s)).outcomes.map((o) => [o.result, o.value, o.time])).toEqual([['ok', 10, 10]]);
  });

  it('a timer nobody waits on hides no deadlock', async () => {
    const s: Scenario = {
      name: 'unwaited-deadlock',
      async main({ after, waitGroup }) {
        const wg = waitGroup();
        wg.add(1);
        after(1000);
        await wg.wait();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.result, o.time, o.deadlock])).toEqual([
      ['deadlock', 0, ['main waits: wait wg#1 (counter 1)']],
    ]);
  });

  it('two receivers: one gets the value, the other waits forever and the report says why', async () => {
    const s: Scenario = {
      name: 'two-receivers',
      async main({ go, after }) {
        const t = after(10);
        const a = go(() => t.recv(), 'A');
        const b = go(() => t.recv(), 'B');
        return [await a.join(), await b.join()];
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => o.deadlock).sort()).toEqual([
      ['main waits: join A', 'A waits: recv after#1 (fired once, its value already taken)'],
      ['main waits: join B', 'B waits: recv after#1 (fired once, its value already taken)'],
    ]);
    expect(r.outcomes.every((o) => o.time === 10)).toBe(true);
  });

  it('length, capacity, name and recvOk', async () => {
    const s: Scenario = {
      name: 'after-props',
      async main({ after, sleep }) {
        const t = after(5, 'deadline');
        const before = t.length;
        await sleep(5);
        return [t.name, t.capacity, before, t.length, await t.recvOk(), t.length];
      },
    };
    expect(values(await exploreAll(s))).toEqual([['deadline', 1, 0, 1, [5, true], 0]]);
  });

  it('after(0) is ready at once', async () => {
    const s: Scenario = {
      name: 'after-0',
      async main({ after, channel, select, now }) {
        const never = channel<number>(0, 'never');
        const r = await select([never, after(0)]);
        return [r.index, r.value, now()];
      },
    };
    expect(values(await exploreAll(s))).toEqual([[1, 0, 0]]);
  });
});

describe('ticker(ms)', () => {
  it('ticks every ms of virtual time, each value the time of its tick', async () => {
    const s: Scenario = {
      name: 'ticks',
      async main({ ticker, now }) {
        const tk = ticker(100);
        const got: number[][] = [];
        for (let i = 0; i < 3; i++) got.push([(await tk.channel.recv())!, now()]);
        tk.stop();
        return got;
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      [
        [100, 100],
        [200, 200],
        [300, 300],
      ],
    ]);
  });

  it('holds one tick and drops the others for a slow reader, staying on its phase', async () => {
    const s: Scenario = {
      name: 'slow-reader',
      async main({ ticker, sleep, now }) {
        const tk = ticker(100);
        const got: number[][] = [];
        got.push([(await tk.channel.recv())!, now()]);
        await sleep(250); // ticks at 200 (kept) and 300 (dropped) come meanwhile
        got.push([(await tk.channel.recv())!, now()]);
        got.push([(await tk.channel.recv())!, now()]);
        return got;
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      [
        [100, 100],
        [200, 350],
        [400, 400],
      ],
    ]);
  });

  it('stop: no more ticks, and one not yet received is discarded; a receive then waits forever', async () => {
    const s: Scenario = {
      name: 'stopped',
      async main({ ticker, sleep, select }) {
        const tk = ticker(100);
        await sleep(150); // the tick at 100 waits in the channel
        tk.stop();
        const r = await select([tk.channel], { default: true });
        await tk.channel.recv();
        return r.index;
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.result, o.time, o.deadlock])).toEqual([
      ['deadlock', 150, ['main waits: recv ticker#1 (stopped)']],
    ]);
  });

  it('the Go by Example loop: select over a ticker and a done channel', async () => {
    const s: Scenario = {
      name: 'ticker-loop',
      async main({ go, channel, ticker, select, sleep, print }) {
        const done = channel<boolean>(0, 'done');
        const tk = ticker(100);
        const stopper = go(async () => {
          await sleep(350);
          await done.send(true);
        }, 'stopper');
        for (;;) {
          const r = await select([done, tk.channel]);
          if (r.index === 0) break;
          await print(`tick at ${r.value}`);
        }
        tk.stop();
        await print('ticker stopped');
        await stopper.join();
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual(['tick at 100 | tick at 200 | tick at 300 | ticker stopped']);
    expect(r.outcomes[0]!.time).toBe(350);
  });

  it('two readers: the one that misses a tick waits for the next (the clock follows the ticker, not a stale due time)', async () => {
    const s: Scenario = {
      name: 'two-readers',
      async main({ go, ticker, now }) {
        const tk = ticker(100);
        const read = async () => `${(await tk.channel.recv())!}@${now()}`;
        const a = go(read, 'A');
        const b = go(read, 'B');
        return [await a.join(), await b.join()];
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      ['100@100', '200@200'],
      ['200@200', '100@100'],
    ]);
  });

  it('for await over a ticker channel', async () => {
    const s: Scenario = {
      name: 'ticker-for-await',
      async main({ ticker }) {
        const tk = ticker(30);
        const got: number[] = [];
        for await (const t of tk.channel) {
          got.push(t);
          if (got.length === 3) break;
        }
        return got;
      },
    };
    expect(values(await exploreAll(s))).toEqual([[30, 60, 90]]);
  });

  it('a slow reader’s ticks match Go’s one-slot channel, for any period and any pauses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 600 }).map((n) => n / 10)),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2000 }).map((n) => n / 10)), {
          minLength: 1,
          maxLength: 6,
        }),
        async (period, pauses) => {
          const s: Scenario = {
            name: 'ticker-oracle',
            async main({ ticker, sleep, now }) {
              const tk = ticker(period);
              const got: number[][] = [];
              for (const p of pauses) {
                await sleep(p);
                got.push([(await tk.channel.recv())!, now()]);
              }
              return got;
            },
          };
          // The oracle: tick k fires at k·period into a one-slot buffer (dropped
          // when full), before a receive at the same instant.
          const expected: number[][] = [];
          let t = 0;
          let slot: number | undefined;
          let k = 1;
          const fireUpTo = (time: number) => {
            for (; k * period <= time; k++) slot ??= k * period;
          };
          for (const p of pauses) {
            t += p;
            fireUpTo(t);
            if (slot === undefined) {
              t = k * period; // wait for the next tick
              fireUpTo(t);
            }
            expected.push([slot!, t]);
            slot = undefined;
          }
          const r = await explore(s);
          expect(r.outcomes.map((o) => o.value)).toEqual([expected]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('timers: bad durations', () => {
  it.each([
    { call: 'after', ms: -1, message: 'RangeError: after expects a finite number of milliseconds >= 0, got -1' },
    { call: 'after', ms: NaN, message: 'RangeError: after expects a finite number of milliseconds >= 0, got NaN' },
    { call: 'ticker', ms: 0, message: 'RangeError: ticker expects a finite number of milliseconds > 0, got 0' },
    { call: 'ticker', ms: Infinity, message: 'RangeError: ticker expects a finite number of milliseconds > 0, got Infinity' },
  ])('$call($ms) is a panic in the calling task', async ({ call, ms, message }) => {
    const s: Scenario = {
      name: 'bad-timer',
      async main(rt) {
        if (call === 'after') rt.after(ms); // site:bad-after
        else rt.ticker(ms); // site:bad-ticker
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.panic).toEqual({
      kind: 'exception',
      task: 'main',
      message,
      site: site(call === 'after' ? 'site:bad-after' : 'site:bad-ticker'),
    });
  });
});
