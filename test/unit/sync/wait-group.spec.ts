/**
 * WaitGroup follows Go's sync.WaitGroup: add/done take effect at once, wait is
 * a scheduling operation, waiters released at zero stay released, a negative
 * counter panics.
 */
import { describe, expect, it } from 'vitest';
import { explore, replay, type Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

describe('WaitGroup', () => {
  it('wait returns once every task called done; main sees all their lines', async () => {
    const s: Scenario = {
      name: 'wg-basic',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(3);
        for (const n of ['A', 'B', 'C']) {
          go(async () => {
            await print(n);
            wg.done();
          }, n);
        }
        await wg.wait();
        await print('main');
      },
    };
    const r = await explore(s);
    expect(r.outcomes).toHaveLength(6);
    for (const o of r.outcomes) {
      expect(o.output.at(-1)).toBe('main');
      expect(o.output.slice(0, 3).sort()).toEqual(['A', 'B', 'C']);
      expect(o.unfinished).toEqual([]);
    }
  });

  it('wait on a zero counter is still a step, enabled at once', async () => {
    const s: Scenario = {
      name: 'wg-zero',
      async main({ waitGroup }) {
        await waitGroup('idle').wait();
        return 'through';
      },
    };
    const run = await replay(s, { schedule: '-' });
    expect(run.value).toBe('through');
    expect(run.trace!.map((t) => [t.task, t.op, t.enabled])).toEqual([['main', 'wait idle (counter 0)', 1]]);
  });

  it('one done releases every waiter at once: their order is a choice', async () => {
    const s: Scenario = {
      name: 'wg-many-waiters',
      async main({ go, print, waitGroup, sleep }) {
        const gate = waitGroup('gate');
        const all = waitGroup('all');
        gate.add(1);
        all.add(3);
        for (const n of ['A', 'B', 'C']) {
          go(async () => {
            await gate.wait();
            await print(n);
            all.done();
          }, n);
        }
        await sleep(1); // every waiter is blocked by now
        gate.done();
        await all.wait();
      },
    };
    const r = await explore(s);
    expect(r.outcomes.map((o) => o.output.join('')).sort()).toEqual(['ABC', 'ACB', 'BAC', 'BCA', 'CAB', 'CBA']);
  });

  it('waiters released at zero return even when add() is called again before they resume', async () => {
    const s: Scenario = {
      name: 'wg-readd',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(1);
        const w1 = go(async () => {
          await wg.wait();
          await print('W1 released');
        }, 'W1');
        const w2 = go(async () => {
          await wg.wait();
          await print('W2 released');
        }, 'W2');
        go(async () => {
          await print('D works');
          wg.done(); // counter 0: W1 and W2 are released ...
          wg.add(1); // ... and stay released although the counter is 1 again
          go(() => wg.wait(), 'Late'); // a waiter that comes after the re-add blocks
          await print('D re-added');
        }, 'D');
        await w1.join();
        await w2.join();
        return 'joined';
      },
    };
    const r = await explore(s);
    expect(r.complete).toBe(true);
    expect(r.outcomes.length).toBeGreaterThan(1);
    for (const o of r.outcomes) {
      expect(o.result).toBe('ok');
      expect(o.value).toBe('joined');
      expect(o.output).toContain('W1 released');
      expect(o.output).toContain('W2 released');
      expect(o.unfinished).toContain('Late');
    }
    // The trace shows the released waiters taking their wait while the counter is 1 again.
    const run = await replay(s, { schedule: r.outcomes[0]!.schedule });
    const waits = run.trace!.filter((t) => t.op.startsWith('wait '));
    expect(waits.map((t) => t.task).sort()).toEqual(['W1', 'W2']);
    expect(waits.every((t) => t.op === 'wait wg#1 (counter 1)')).toBe(true);
  });

  it('a waiter that arrives while the counter is up again is not released', async () => {
    const s: Scenario = {
      name: 'wg-late-waiter',
      async main({ go, waitGroup, print }) {
        const wg = waitGroup('wg');
        wg.add(1);
        wg.done();
        wg.add(1);
        go(async () => {
          await print('never released');
          wg.done();
        }, 'never');
        await wg.wait();
        await wg.wait();
        wg.add(1);
        await wg.wait();
      },
    };
    const o = (await explore(s)).outcomes.at(-1)!;
    expect(o.result).toBe('deadlock');
    expect(o.deadlock).toEqual(['main waits: wait wg (counter 1)']);
  });

  it('a negative counter panics with Go’s message, in the task whose done() came second', async () => {
    const s: Scenario = {
      name: 'wg-negative',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(1);
        for (const n of ['A', 'B']) {
          go(async () => {
            await print(n);
            wg.done(); // site:done
          }, n);
        }
        await wg.wait();
        await print('main');
      },
    };
    const r = await explore(s);
    expect(r.complete).toBe(true);
    const panics = r.outcomes.filter((o) => o.result === 'panic');
    expect(panics.map((o) => o.output.join(''))).toEqual(['AB', 'BA']);
    for (const o of panics) {
      expect(o.panic).toEqual({
        kind: 'exception',
        task: o.output[1],
        message: 'sync: negative WaitGroup counter',
        site: site('site:done'),
      });
    }
    // Schedules where main returns before the second done() end fine, as in Go.
    for (const o of r.outcomes.filter((x) => x.result !== 'panic')) {
      expect(o.result).toBe('ok');
      expect(o.output).toHaveLength(2);
      expect(o.output[1]).toBe('main');
    }
  });

  it('add with a negative delta below zero panics too', async () => {
    const s: Scenario = {
      name: 'wg-add-negative',
      async main({ waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        wg.add(-3); // site:add-negative
      },
    };
    expect((await explore(s)).outcomes[0]!.panic).toEqual({
      kind: 'exception',
      task: 'main',
      message: 'sync: negative WaitGroup counter',
      site: site('site:add-negative'),
    });
  });

  it('add with a non-integer is a TypeError panic naming the WaitGroup', async () => {
    const s: Scenario = {
      name: 'wg-add-fraction',
      async main({ waitGroup }) {
        waitGroup('jobs').add(1.5);
      },
    };
    expect((await explore(s)).outcomes[0]!.panic).toMatchObject({
      kind: 'exception',
      task: 'main',
      message: 'TypeError: jobs.add expects an integer, got 1.5',
    });
  });

  it('unnamed WaitGroups are wg#1, wg#2, ... per execution; named ones keep their name', async () => {
    const s: Scenario = {
      name: 'wg-names',
      async main({ waitGroup }) {
        return [waitGroup().name, waitGroup('mine').name, waitGroup().name];
      },
    };
    const r = await explore(s);
    expect(r.outcomes[0]!.value).toEqual(['wg#1', 'mine', 'wg#2']);
    // ... and again in a second execution (numbering is per execution, not global).
    expect((await replay(s, { schedule: '-' })).value).toEqual(['wg#1', 'mine', 'wg#2']);
  });
});
