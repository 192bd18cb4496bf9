/**
 * cond(mutex) follows Go's sync.Cond: wait unlocks and joins the waiters in
 * one step, then re-locks once signalled; signal wakes the longest waiter,
 * broadcast all; a signal with nobody waiting is lost.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

describe('cond', () => {
  it('a cond-based queue delivers every item, in order, in every schedule', async () => {
    const s: Scenario = {
      name: 'cond-queue',
      async main({ go, mutex, cond, print }) {
        const m = mutex();
        const nonEmpty = cond(m);
        const queue: number[] = [];
        go(async () => {
          for (let i = 1; i <= 3; i++) {
            await m.lock();
            queue.push(i);
            nonEmpty.signal();
            m.unlock();
            await print(`put ${i}`);
          }
        }, 'P');
        const got: number[] = [];
        while (got.length < 3) {
          await m.lock();
          while (queue.length === 0) await nonEmpty.wait();
          got.push(queue.shift()!);
          m.unlock();
        }
        return got;
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.length).toBeGreaterThan(1);
    expect(values(r)).toEqual([[1, 2, 3]]);
    expect(r.outcomes.every((o) => o.result === 'ok')).toBe(true);
  });

  it('a signal sent before the wait is lost: the waiter deadlocks in some schedules', async () => {
    const s: Scenario = {
      name: 'cond-lost-wakeup',
      async main({ go, mutex, cond, print }) {
        const m = mutex();
        const c = cond(m);
        const w = go(async () => {
          await m.lock();
          await c.wait(); // no predicate: the classic lost wake-up
          m.unlock();
          await print('woken');
        }, 'W');
        await print('signalling');
        c.signal();
        await w.join();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.result, o.output.join(' | ')]).sort()).toEqual([
      ['deadlock', 'signalling'],
      ['ok', 'signalling | woken'],
    ]);
    expect(r.outcomes.find((o) => o.result === 'deadlock')!.deadlock).toEqual([
      'main waits: join W',
      'W waits: wait cond#1 (not signalled)',
    ]);
  });

  it('wait is two steps: unlock and wait, then re-lock once signalled and the mutex is free', async () => {
    const s: Scenario = {
      name: 'cond-trace',
      async main({ go, mutex, cond, print, sleep }) {
        const m = mutex('m');
        const c = cond(m, 'c');
        const w = go(async () => {
          await m.lock();
          await c.wait();
          m.unlock();
        }, 'W');
        await sleep(1); // W waits by now
        await m.lock(); // free: W's wait unlocked it
        c.signal();
        await print('main holds m'); // W is signalled but cannot re-lock yet
        m.unlock();
        await w.join();
      },
    };
    const r = await exploreAll(s);
    expect(r.executions).toBe(1);
    expect(await traceOf(s)).toEqual([
      'W: lock m',
      'W: wait c',
      'main: sleep 1ms (until 1ms)',
      'main: lock m',
      'main: print "main holds m"',
      'W: wait c (signalled, relock m)',
      'main: join W',
    ]);
  });

  it('a signalled waiter that cannot re-lock says who holds the mutex', async () => {
    const s: Scenario = {
      name: 'cond-relock-blocked',
      async main({ go, mutex, cond, sleep }) {
        const m = mutex('m');
        const c = cond(m, 'c');
        go(async () => {
          await m.lock();
          await c.wait();
        }, 'W');
        await sleep(1);
        await m.lock();
        c.signal();
        await m.lock(); // main deadlocks on itself, holding m
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.deadlock).toEqual([
      'main waits: lock m (held by main)',
      'W waits: wait c (signalled, relock m (held by main))',
    ]);
  });

  it('signal wakes the task that has waited longest', async () => {
    const s: Scenario = {
      name: 'cond-fifo',
      async main({ go, mutex, cond, print, sleep }) {
        const m = mutex();
        const c = cond(m);
        for (const n of ['A', 'B']) {
          go(async () => {
            await m.lock();
            await print(`${n} waits`); // holding m: the prints are in the order of the waits
            await c.wait();
            m.unlock();
            await print(`${n} woken`);
          }, n);
        }
        await sleep(1);
        c.signal();
        await sleep(1);
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual(['A waits | B waits | A woken', 'B waits | A waits | B woken']);
  });

  it('broadcast wakes every waiter; they re-lock one at a time, in either order', async () => {
    const s: Scenario = {
      name: 'cond-broadcast',
      async main({ go, mutex, cond, print, sleep }) {
        const m = mutex();
        const c = cond(m);
        const ws = ['A', 'B'].map((n) =>
          go(async () => {
            await m.lock();
            await c.wait();
            await print(`${n} has the lock`);
            m.unlock();
          }, n),
        );
        await sleep(1);
        c.broadcast();
        for (const w of ws) await w.join();
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual(['A has the lock | B has the lock', 'B has the lock | A has the lock']);
  });

  it('wait without holding the mutex panics with Go’s message', async () => {
    const s: Scenario = {
      name: 'cond-unlocked',
      async main({ mutex, cond }) {
        const c = cond(mutex());
        await c.wait(); // site:wait-unlocked
      },
    };
    expect((await exploreAll(s)).outcomes.map((o) => o.panic)).toEqual([
      { kind: 'exception', task: 'main', message: 'sync: unlock of unlocked mutex', site: site('site:wait-unlocked') },
    ]);
  });

  it('cond expects a mutex made by mutex()', async () => {
    const s: Scenario = {
      name: 'cond-bad',
      async main({ cond, rwMutex }) {
        cond(rwMutex() as never);
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.panic).toMatchObject({
      task: 'main',
      message: 'TypeError: cond expects a mutex made by mutex()',
    });
  });
});
