/**
 * once() follows Go's sync.Once: the first do() runs its function in the
 * calling task; the others wait until it has returned and do not run theirs.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

describe('once', () => {
  it('runs one function, once; every caller returns only after it has returned', async () => {
    const s: Scenario = {
      name: 'once-init',
      async main({ go, once, print, sleep }) {
        const o = once();
        const tasks = ['A', 'B', 'C'].map((n) =>
          go(async () => {
            await o.do(async () => {
              await print(`init by ${n}`);
              await sleep(5); // the others reach do() and wait meanwhile
              await print('init done');
            });
            await print(`${n} after`);
          }, n),
        );
        for (const t of tasks) await t.join();
      },
    };
    const r = await exploreAll(s);
    const inits = new Set<string>();
    for (const o of r.outcomes) {
      expect(o.result).toBe('ok');
      expect(o.output.filter((l) => l.startsWith('init by'))).toHaveLength(1);
      inits.add(o.output[0]!);
      expect(o.output[1]).toBe('init done');
      expect(o.output.slice(2).sort()).toEqual(['A after', 'B after', 'C after']);
    }
    // Any of the three may be the one that runs it.
    expect([...inits].sort()).toEqual(['init by A', 'init by B', 'init by C']);
  });

  it('is a step even once done; a synchronous function works too', async () => {
    const s: Scenario = {
      name: 'once-trace',
      async main({ once }) {
        const o = once('init');
        let runs = 0;
        await o.do(() => runs++);
        await o.do(() => runs++);
        return runs;
      },
    };
    expect(values(await exploreAll(s))).toEqual([1]);
    expect(await traceOf(s)).toEqual(['main: do init', 'main: do init (done)']);
  });

  it('a function that throws counts as done, as in Go', async () => {
    const s: Scenario = {
      name: 'once-throws',
      async main({ once, print }) {
        const o = once();
        let caught = '';
        try {
          await o.do(() => {
            throw new Error('boom');
          });
        } catch (e) {
          caught = (e as Error).message;
        }
        await o.do(() => print('never'));
        return caught;
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.output, o.value])).toEqual([[[], 'boom']]);
  });

  it('an uncaught throw in the function is a panic of the task that ran it', async () => {
    const s: Scenario = {
      name: 'once-panic',
      async main({ go, once, print }) {
        const o = once();
        const t = go(async () => {
          await o.do(async () => {
            await print('T runs it');
            throw new Error('init failed'); // site:init-throw
          });
        }, 'T');
        await o.do(() => print('main runs it'));
        await t.join();
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual(['T runs it', 'main runs it']);
    expect(r.outcomes.find((o) => o.result === 'panic')!.panic).toEqual({
      kind: 'exception',
      task: 'T',
      message: 'init failed',
      site: site('site:init-throw'),
    });
    expect(r.outcomes.find((o) => o.output[0] === 'main runs it')).toMatchObject({
      result: 'ok',
      output: ['main runs it'],
    });
  });

  it('calling do from inside its own function deadlocks, as in Go', async () => {
    const s: Scenario = {
      name: 'once-recursive',
      async main({ once }) {
        const o = once();
        await o.do(() => o.do(() => {}));
      },
    };
    expect((await exploreAll(s)).outcomes[0]).toMatchObject({
      result: 'deadlock',
      deadlock: ['main waits: do once#1 (running in main)'],
    });
  });

  it('do expects a function', async () => {
    const s: Scenario = {
      name: 'once-bad',
      async main({ once }) {
        await once('o').do(42 as unknown as () => void);
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.panic).toMatchObject({
      task: 'main',
      message: 'TypeError: o.do expects a function, got number',
    });
  });
});
