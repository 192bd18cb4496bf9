/**
 * semaphore(n) follows golang.org/x/sync/semaphore.Weighted: acquire blocks
 * until its units are free, in FIFO order behind earlier blocked acquirers;
 * release hands freed units to them at once; releasing more than held panics.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

describe('semaphore', () => {
  it('bounds concurrency: never more than n tasks inside', async () => {
    const s: Scenario = {
      name: 'sem-bound',
      async main({ go, semaphore, print }) {
        const sem = semaphore(2);
        let inside = 0;
        let most = 0;
        const tasks = ['A', 'B', 'C'].map((n) =>
          go(async () => {
            await sem.acquire();
            most = Math.max(most, ++inside);
            await print(`${n} works`);
            inside--;
            sem.release();
          }, n),
        );
        for (const t of tasks) await t.join();
        return most;
      },
    };
    expect(values(await exploreAll(s))).toEqual([1, 2]);
  });

  it('a blocked acquirer is served first: a later small acquire waits behind a large one', async () => {
    const s: Scenario = {
      name: 'sem-fifo',
      async main({ go, semaphore, print, sleep }) {
        const sem = semaphore(2);
        const a = go(async () => {
          await sem.acquire(1);
          await sleep(10);
          sem.release(1);
        }, 'A');
        const b = go(async () => {
          await sleep(1);
          await sem.acquire(2); // only 1 free: B queues
          await print('B in');
          sem.release(2);
        }, 'B');
        const c = go(async () => {
          await sleep(2);
          await print(`C try ${await sem.tryAcquire(1)}`); // 1 is free, but B waits
          await sem.acquire(1); // queues behind B
          await print('C in');
          sem.release(1);
        }, 'C');
        for (const t of [a, b, c]) await t.join();
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual(['C try false | B in | C in']);
    expect((await traceOf(s, r.outcomes[0]!.schedule)).filter((l) => /acquire/i.test(l))).toEqual([
      'A: acquire semaphore#1',
      'B: acquire semaphore#1 k=2',
      'C: tryAcquire semaphore#1',
      'C: acquire semaphore#1',
      'B: acquire semaphore#1 k=2 (granted)',
      'C: acquire semaphore#1 (granted)',
    ]);
  });

  it('release hands the freed units to waiters in order, as far as they go', async () => {
    const s: Scenario = {
      name: 'sem-release-many',
      async main({ go, semaphore, print, sleep }) {
        const sem = semaphore(3);
        await sem.acquire(3);
        const ws = ['A', 'B', 'C'].map((n) =>
          go(async () => {
            await sem.acquire();
            await print(`${n} in`);
          }, n),
        );
        await sleep(1); // all three are queued
        sem.release(2); // two of them get in; the third waits
        await sleep(1);
        return ws.length;
      },
    };
    const r = await exploreAll(s);
    // Who is served is the order in which they queued, which the exploration varies.
    expect(outputs(r)).toEqual([
      'A in | B in',
      'A in | C in',
      'B in | A in',
      'B in | C in',
      'C in | A in',
      'C in | B in',
    ]);
    expect(r.outcomes.every((o) => o.unfinished.length === 1)).toBe(true);
  });

  it('releasing more than held panics with the package’s message', async () => {
    const s: Scenario = {
      name: 'sem-over-release',
      async main({ semaphore }) {
        const sem = semaphore(2);
        await sem.acquire();
        sem.release();
        sem.release(); // site:over-release
      },
    };
    expect((await exploreAll(s)).outcomes.map((o) => o.panic)).toEqual([
      {
        kind: 'exception',
        task: 'main',
        message: 'semaphore: released more than held',
        site: site('site:over-release'),
      },
    ]);
  });

  it('a queued acquire and one larger than the size say so in the deadlock report', async () => {
    const s: Scenario = {
      name: 'sem-deadlock',
      async main({ go, semaphore }) {
        const sem = semaphore(2, 'pool');
        await sem.acquire(2);
        go(() => sem.acquire(), 'Q');
        await sem.acquire(3); // more than the size: blocks forever, as in Go
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.deadlock).toEqual([
      'main waits: acquire pool k=3 (more than its size 2: never)',
      'Q waits: acquire pool (queued, 0/2 free)',
    ]);
  });

  it('tryAcquire takes what is free and never blocks', async () => {
    const s: Scenario = {
      name: 'sem-try',
      async main({ semaphore }) {
        const sem = semaphore(3);
        const a = await sem.tryAcquire(2);
        const b = await sem.tryAcquire(2);
        const c = await sem.tryAcquire();
        const d = await sem.tryAcquire(4);
        sem.release(3);
        return [a, b, c, d];
      },
    };
    expect(values(await exploreAll(s))).toEqual([[true, false, true, false]]);
  });

  it('counts and sizes must be integers >= 0', async () => {
    const bad = (name: string, fn: (rt: Parameters<Scenario['main']>[0]) => unknown): Scenario => ({
      name,
      async main(rt) {
        await fn(rt);
      },
    });
    const panicOf = async (s: Scenario) => (await exploreAll(s)).outcomes[0]!.panic!.message;
    expect(await panicOf(bad('size', (rt) => rt.semaphore(1.5)))).toBe(
      'TypeError: semaphore expects a size that is an integer >= 0, got 1.5',
    );
    expect(await panicOf(bad('acquire', (rt) => rt.semaphore(1, 's').acquire(-1)))).toBe(
      'TypeError: s.acquire expects an integer >= 0, got -1',
    );
    expect(await panicOf(bad('release', (rt) => rt.semaphore(1, 's').release(0.5)))).toBe(
      'TypeError: s.release expects an integer >= 0, got 0.5',
    );
  });
});
