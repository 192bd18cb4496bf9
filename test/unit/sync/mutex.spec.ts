/**
 * mutex() follows Go's sync.Mutex: lock and tryLock are scheduling operations,
 * unlock takes effect at once, unlocking an unlocked mutex panics.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

const counter = (locked: boolean): Scenario => ({
  name: locked ? 'mutex-counter' : 'racy-counter',
  async main({ go, mutex, shared, waitGroup }) {
    const m = mutex();
    const n = shared('n', 0);
    const wg = waitGroup();
    wg.add(2);
    for (const t of ['A', 'B']) {
      go(async () => {
        if (locked) await m.lock();
        await n.set((await n.get()) + 1);
        if (locked) m.unlock();
        wg.done();
      }, t);
    }
    await wg.wait();
    return n.get();
  },
});

describe('mutex', () => {
  it('a mutex-protected counter never loses an update; the unprotected one does', async () => {
    expect(values(await exploreAll(counter(true)))).toEqual([2]);
    expect(values(await exploreAll(counter(false)))).toEqual([1, 2]);
  });

  it('critical sections never interleave; who enters first is a choice', async () => {
    const s: Scenario = {
      name: 'mutex-sections',
      async main({ go, mutex, print }) {
        const m = mutex();
        const tasks = ['A', 'B', 'C'].map((n) =>
          go(async () => {
            await m.lock();
            await print(`${n} in`);
            await print(`${n} out`);
            m.unlock();
          }, n),
        );
        for (const t of tasks) await t.join();
      },
    };
    const r = await exploreAll(s);
    const orders = ['ABC', 'ACB', 'BAC', 'BCA', 'CAB', 'CBA'];
    expect(outputs(r)).toEqual(orders.map((o) => [...o].flatMap((n) => [`${n} in`, `${n} out`]).join(' | ')));
  });

  it('lock-order inversion deadlocks in some schedules, naming who holds what', async () => {
    const s: Scenario = {
      name: 'lock-order',
      async main({ go, mutex, waitGroup }) {
        const a = mutex('a');
        const b = mutex('b');
        const wg = waitGroup();
        wg.add(2);
        go(async () => {
          await a.lock();
          await b.lock();
          b.unlock();
          a.unlock();
          wg.done();
        }, 'A');
        go(async () => {
          await b.lock();
          await a.lock();
          a.unlock();
          b.unlock();
          wg.done();
        }, 'B');
        await wg.wait();
        return 'done';
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => o.result).sort()).toEqual(['deadlock', 'ok']);
    const ok = r.outcomes.find((o) => o.result === 'ok')!;
    expect(ok.value).toBe('done');
    const dl = r.outcomes.find((o) => o.result === 'deadlock')!;
    expect(dl.deadlock).toEqual([
      'main waits: wait wg#1 (counter 2)',
      'A waits: lock b (held by B)',
      'B waits: lock a (held by A)',
    ]);
    expect(dl.unfinished).toEqual(['A', 'B']);
    expect(r.findings.map((f) => f.kind)).toContain('deadlock');
  });

  it('locking a mutex the task holds itself deadlocks, as in Go', async () => {
    const s: Scenario = {
      name: 'mutex-relock',
      async main({ mutex }) {
        const m = mutex();
        await m.lock();
        await m.lock();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]).toMatchObject({ result: 'deadlock', deadlock: ['main waits: lock mutex#1 (held by main)'] });
  });

  it('unlock of an unlocked mutex panics with Go’s message in the task that did it', async () => {
    const s: Scenario = {
      name: 'mutex-double-unlock',
      async main({ go, mutex, print }) {
        const m = mutex();
        const t = go(async () => {
          await m.lock();
          await print('locked');
          m.unlock();
          m.unlock(); // site:double-unlock
        }, 'T');
        await print('main');
        await t.join();
      },
    };
    const r = await exploreAll(s);
    // T panics as soon as it runs on after its print: main may not get to print.
    expect(outputs(r)).toEqual(['locked', 'main | locked']);
    for (const o of r.outcomes) {
      expect(o.result).toBe('panic');
      expect(o.panic).toEqual({
        kind: 'exception',
        task: 'T',
        message: 'sync: unlock of unlocked mutex',
        site: site('site:double-unlock'),
      });
    }
  });

  it('any task may unlock a mutex another task locked, as in Go', async () => {
    const s: Scenario = {
      name: 'mutex-handoff',
      async main({ go, mutex, print }) {
        const m = mutex();
        await m.lock();
        const t = go(async () => {
          await m.lock();
          await print('T got it');
          m.unlock();
        }, 'T');
        await print('main unlocks for T');
        go(() => m.unlock(), 'U');
        await t.join();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]).toMatchObject({ result: 'ok', output: ['main unlocks for T', 'T got it'] });
  });

  it('tryLock never blocks and says whether it got the mutex at its step', async () => {
    const s: Scenario = {
      name: 'mutex-trylock',
      async main({ go, mutex, print }) {
        const m = mutex();
        const a = go(async () => {
          await m.lock();
          await print('A locked');
          m.unlock();
        }, 'A');
        const got = await m.tryLock();
        await print(`main got ${got}`);
        if (got) m.unlock();
        await a.join();
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual([
      'A locked | main got false',
      'A locked | main got true',
      'main got false | A locked',
      'main got true | A locked',
    ]);
  });

  it('steps and deadlock reports describe the mutex operations', async () => {
    const s: Scenario = {
      name: 'mutex-trace',
      async main({ mutex }) {
        const m = mutex('m');
        const first = await m.tryLock();
        const second = await m.tryLock();
        m.unlock();
        await m.lock();
        return [first, second];
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes[0]!.value).toEqual([true, false]);
    expect(await traceOf(s)).toEqual(['main: tryLock m', 'main: tryLock m', 'main: lock m']);
  });

  it('unnamed mutexes are mutex#1, mutex#2, ...; named ones keep their name', async () => {
    const s: Scenario = {
      name: 'mutex-names',
      async main({ mutex }) {
        return [mutex().name, mutex('mine').name, mutex().name];
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.value).toEqual(['mutex#1', 'mine', 'mutex#2']);
  });
});
