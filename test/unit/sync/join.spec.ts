/**
 * task.join(): a scheduling operation enabled once the task has returned; it
 * resolves to the task's return value.
 */
import { describe, expect, it } from 'vitest';
import { explore, replay, type Scenario } from '../../../src/index.js';

describe('join', () => {
  it('returns the task’s return value once it has returned', async () => {
    const s: Scenario = {
      name: 'join-value',
      async main({ go, sleep, print }) {
        const a = go(async () => {
          await sleep(50);
          await print('A done');
          return { answer: 42 };
        }, 'A');
        const b = go(() => 'sync result', 'B');
        const va = await a.join();
        const vb = await b.join();
        await print('main after join');
        return [va, vb];
      },
    };
    const r = await explore(s);
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]).toMatchObject({
      output: ['A done', 'main after join'],
      value: [{ answer: 42 }, 'sync result'],
      time: 50,
      unfinished: [],
    });
  });

  it('is a step of its own, blocked until the task returns', async () => {
    const s: Scenario = {
      name: 'join-trace',
      async main({ go, print }) {
        const a = go(async () => {
          await print('a1');
          await print('a2');
          return 'A';
        }, 'A');
        return a.join();
      },
    };
    const run = await replay(s, { schedule: '-' });
    expect(run.value).toBe('A');
    expect(run.trace!.map((t) => [t.task, t.op, t.enabled])).toEqual([
      ['A', 'print "a1"', 1],
      ['A', 'print "a2"', 1],
      ['main', 'join A', 1],
    ]);
  });

  it('every joiner gets the value; joiners of a finished task are enabled together', async () => {
    const s: Scenario = {
      name: 'join-many',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        const t = go(async () => {
          await print('t');
          return 7;
        }, 'T');
        for (const n of ['J1', 'J2']) {
          go(async () => {
            const v = await t.join();
            await print(`${n} got ${v}`);
            wg.done();
          }, n);
        }
        await wg.wait();
      },
    };
    const r = await explore(s);
    expect(r.outcomes.map((o) => o.output).sort()).toEqual([
      ['t', 'J1 got 7', 'J2 got 7'],
      ['t', 'J2 got 7', 'J1 got 7'],
    ]);
  });

  it('a handle’s join is the same operation however often it is asked for', async () => {
    const s: Scenario = {
      name: 'join-twice',
      async main({ go }) {
        const t = go(async () => 'x');
        return [await t.join(), await t.join()];
      },
    };
    expect((await explore(s)).outcomes[0]).toMatchObject({ value: ['x', 'x'], steps: 2 });
  });

  it('joining a task that never returns is a deadlock naming the join', async () => {
    const s: Scenario = {
      name: 'join-deadlock',
      async main({ go, waitGroup }) {
        const wg = waitGroup('never');
        wg.add(1);
        const t = go(() => wg.wait(), 'W');
        await t.join();
      },
    };
    expect((await explore(s)).outcomes[0]).toMatchObject({
      result: 'deadlock',
      deadlock: ['main waits: join W', 'W waits: wait never (counter 1)'],
      unfinished: ['W'],
    });
  });
});
