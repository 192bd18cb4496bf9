/**
 * rwMutex() follows Go's sync.RWMutex: readers share, writers exclude, and a
 * writer that has started to lock bars new readers (writer preference).
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

describe('rwMutex', () => {
  it('readers overlap, a writer excludes readers and writers', async () => {
    const s: Scenario = {
      name: 'rw-overlap',
      async main({ go, rwMutex, print }) {
        const rw = rwMutex();
        const reader = (n: string) =>
          go(async () => {
            await rw.rlock();
            await print(`${n} in`);
            await print(`${n} out`);
            rw.runlock();
          }, n);
        const writer = (n: string) =>
          go(async () => {
            await rw.lock();
            await print(`${n} in`);
            await print(`${n} out`);
            rw.unlock();
          }, n);
        const tasks = [reader('R1'), reader('R2'), writer('W')];
        for (const t of tasks) await t.join();
      },
    };
    const r = await exploreAll(s);
    for (const o of r.outcomes) {
      expect(o.result).toBe('ok');
      // Nothing comes between the writer's lines.
      const w = o.output.indexOf('W in');
      expect(o.output[w + 1]).toBe('W out');
    }
    // The readers do overlap in some schedules.
    expect(outputs(r)).toContain('R1 in | R2 in | R1 out | R2 out | W in | W out');
    expect(outputs(r)).toContain('W in | W out | R2 in | R1 in | R2 out | R1 out');
    // The readers' 4 lines interleave in 4!/(2!2!) = 6 ways before or after the
    // writer's, and the writer may come between two readers that do not overlap.
    expect(r.outcomes).toHaveLength(6 + 6 + 2);
  });

  it('a writer waiting for readers blocks new readers until it has locked and unlocked', async () => {
    const s: Scenario = {
      name: 'rw-writer-preference',
      async main({ go, rwMutex, print, sleep }) {
        const rw = rwMutex();
        const r1 = go(async () => {
          await rw.rlock();
          await print('R1 in');
          await sleep(10);
          await print('R1 out');
          rw.runlock();
        }, 'R1');
        const w = go(async () => {
          await sleep(1);
          await print('W locking');
          await rw.lock(); // readers inside: it announces itself, then waits for them
          await print('W in');
          rw.unlock();
        }, 'W');
        const r2 = go(async () => {
          await sleep(5);
          await print('R2 locking');
          await rw.rlock(); // R1 still reads, but W waits: R2 waits too
          await print('R2 in');
          rw.runlock();
        }, 'R2');
        for (const t of [r1, w, r2]) await t.join();
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual(['R1 in | W locking | R2 locking | R1 out | W in | R2 in']);
  });

  it('a reader that read-locks again while a writer waits deadlocks, as in Go', async () => {
    const s: Scenario = {
      name: 'rw-recursive-rlock',
      async main({ go, rwMutex, waitGroup }) {
        const rw = rwMutex('rw');
        const wg = waitGroup();
        wg.add(2);
        go(async () => {
          await rw.rlock();
          await rw.rlock();
          rw.runlock();
          rw.runlock();
          wg.done();
        }, 'R');
        go(async () => {
          await rw.lock();
          rw.unlock();
          wg.done();
        }, 'W');
        await wg.wait();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => o.result).sort()).toEqual(['deadlock', 'ok']);
    expect(r.outcomes.find((o) => o.result === 'deadlock')!.deadlock).toEqual([
      'main waits: wait wg#1 (counter 2)',
      'R waits: rlock rw (writer W waits for readers R)',
      'W waits: lock rw (waiting for readers R)',
    ]);
  });

  it('a lock that finds readers inside is two steps: announce, then take it when they have left', async () => {
    const s: Scenario = {
      name: 'rw-trace',
      async main({ go, rwMutex, print, sleep }) {
        const rw = rwMutex('rw');
        await rw.rlock();
        const w = go(async () => {
          await rw.lock();
          await print('W in');
          rw.unlock();
        }, 'W');
        await sleep(1); // W announces itself meanwhile
        rw.runlock();
        await w.join();
      },
    };
    const r = await exploreAll(s);
    expect(r.executions).toBe(1);
    expect(await traceOf(s)).toEqual([
      'main: rlock rw',
      'W: lock rw',
      'main: sleep 1ms (until 1ms)',
      'W: lock rw (readers gone)',
      'W: print "W in"',
      'main: join W',
    ]);
  });

  it('tryLock and tryRLock never block and say what they got', async () => {
    const s: Scenario = {
      name: 'rw-try',
      async main({ rwMutex }) {
        const rw = rwMutex();
        await rw.rlock();
        const a = await rw.tryRLock(); // readers share
        const b = await rw.tryLock(); // a writer does not get in
        rw.runlock();
        rw.runlock();
        const c = await rw.tryLock();
        const d = await rw.tryRLock(); // nor a reader while a writer holds it
        const e = await rw.tryLock();
        rw.unlock();
        return [a, b, c, d, e];
      },
    };
    expect(values(await exploreAll(s))).toEqual([[true, false, true, false, false]]);
  });

  it('tryRLock fails while a writer waits for the readers to leave', async () => {
    const s: Scenario = {
      name: 'rw-try-waiting-writer',
      async main({ go, rwMutex, sleep }) {
        const rw = rwMutex();
        await rw.rlock();
        go(() => rw.lock(), 'W');
        await sleep(1); // W has announced itself by now
        const got = await rw.tryRLock();
        rw.runlock();
        return got;
      },
    };
    expect(values(await exploreAll(s))).toEqual([false]);
  });

  it('Unlock and RUnlock of an unlocked RWMutex panic with Go’s messages', async () => {
    const unlock: Scenario = {
      name: 'rw-unlock',
      async main({ go, rwMutex }) {
        const rw = rwMutex();
        await rw.rlock(); // a read lock is not a write lock
        await go(async () => {
          rw.unlock(); // site:unlock
        }, 'U').join();
      },
    };
    expect((await exploreAll(unlock)).outcomes.map((o) => o.panic)).toEqual([
      { kind: 'exception', task: 'U', message: 'sync: Unlock of unlocked RWMutex', site: site('site:unlock') },
    ]);
    const runlock: Scenario = {
      name: 'rw-runlock',
      async main({ rwMutex }) {
        const rw = rwMutex();
        await rw.lock();
        rw.runlock(); // site:runlock
      },
    };
    expect((await exploreAll(runlock)).outcomes.map((o) => o.panic)).toEqual([
      { kind: 'exception', task: 'main', message: 'sync: RUnlock of unlocked RWMutex', site: site('site:runlock') },
    ]);
  });

  it('a reader blocked by a writer says so in the deadlock report', async () => {
    const s: Scenario = {
      name: 'rw-blocked-reader',
      async main({ rwMutex }) {
        const rw = rwMutex();
        await rw.lock();
        await rw.rlock();
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.deadlock).toEqual(['main waits: rlock rwMutex#1 (held by writer main)']);
  });
});
