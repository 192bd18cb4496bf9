import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, replay, type Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';

/**
 * Task A starts one fetch and keeps the promise where B finds it; both await
 * it. B's await of A's promise is an operation of B: it pauses B until the
 * fetch has taken effect, then gives B the same value.
 */
const sharedFetch: Scenario = {
  name: 'shared-in-flight-fetch',
  async main({ go, io, print, yieldNow }) {
    let fetches = 0;
    let inflight: Promise<string> | undefined;
    const a = go(async () => {
      inflight = io('fetch:a', () => `value #${++fetches}`);
      await print(`A got ${await inflight}`);
    }, 'A');
    const b = go(async () => {
      await yieldNow(); // A's fetch is in flight: A paused on it when go() started A
      await print(`B got ${await inflight!}`); // B awaits
    }, 'B');
    await a.join();
    await b.join();
    return fetches;
  },
};

describe('awaiting another task’s io promise', () => {
  it('is an operation of the awaiting task: every schedule, one fetch, both get its value', async () => {
    const r = await explore(sharedFetch, { strategy: 'exhaustive' });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => [o.result, o.value, o.output]).sort()).toEqual([
      ['ok', 1, ['A got value #1', 'B got value #1']],
      ['ok', 1, ['B got value #1', 'A got value #1']],
    ]);
    // Every order of A's io → print, B's yield → await → print and main's join A → join B in
    // which B's await comes after A's io and each join after its task's print: 16 (were B's await
    // not an operation enabled by the io, there would be no such step to order).
    expect(r.executions).toBe(16);
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering']);
  });

  it('shows in the trace as `await io NAME (of OWNER)` at the awaiting line, enabled only after the io', async () => {
    const r = await explore(sharedFetch, { strategy: 'exhaustive' });
    const site = siteOf(import.meta.url, 'B awaits');
    for (const o of r.outcomes) {
      const run = await replay(sharedFetch, { schedule: o.schedule });
      const ops = run.trace!.map((s) => `${s.task}: ${s.op}`);
      const io = ops.indexOf('A: io fetch:a');
      const awaited = ops.indexOf('B: await io fetch:a (of A)');
      expect(io).toBeGreaterThanOrEqual(0);
      expect(awaited).toBeGreaterThan(io);
      expect(run.trace![awaited]!.site).toBe(site);
    }
  });

  it('awaiting an io that has already taken effect is still a step, enabled at once', async () => {
    const s: Scenario = {
      name: 'late-awaiter',
      async main({ go, io }) {
        const p = io('fetch', () => 42);
        const v = await p;
        const w = go(async () => (await p) + 1, 'W');
        return [v, await w.join()];
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => [o.result, o.value])).toEqual([['ok', [42, 43]]]);
    const run = await replay(s, { schedule: r.outcomes[0]!.schedule });
    expect(run.trace!.map((t) => `${t.task}: ${t.op}`)).toEqual([
      'main: io fetch',
      'W: await io fetch (of main)',
      'main: join W',
    ]);
  });

  it('tells owner and awaiter apart when both are between operations (by the stack)', async () => {
    const s: Scenario = {
      name: 'two-running',
      async main({ go, io }) {
        const p = io('fetch', () => 'v');
        // W awaits a plain promise first, so main runs on while W is between operations too.
        const w = go(async () => {
          await Promise.resolve();
          return `W: ${await p}`;
        }, 'W');
        const mine = `main: ${await p}`;
        return [mine, await w.join()];
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => [o.result, o.value])).toEqual([['ok', ['main: v', 'W: v']]]);
    // One schedule: main's join waits for W, whose await waits for main's io.
    expect(r.executions).toBe(1);
    const run = await replay(s, { schedule: r.outcomes[0]!.schedule });
    expect(run.trace!.map((t) => `${t.task}: ${t.op}`)).toEqual([
      'main: io fetch',
      'W: await io fetch (of main)',
      'main: join W',
    ]);
  });

  it('orders the io before the other task’s await (happens-before): no false race on what the owner wrote first', async () => {
    const s: Scenario = {
      name: 'handed-over-by-io',
      async main({ go, io, shared, yieldNow }) {
        const x = shared('x', 0);
        let inflight: Promise<string> | undefined;
        const a = go(async () => {
          await x.set(1);
          inflight = io('fetch', () => 'v');
          await inflight;
        }, 'A');
        // W learns of the promise through a plain variable: only the io orders A's set before W's get.
        const w = go(async () => {
          await yieldNow();
          if (inflight === undefined) return 'too early';
          await inflight;
          return x.get();
        }, 'W');
        await a.join();
        return w.join();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.value).sort()).toEqual([1, 'too early']);
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering']);
    const got = r.outcomes.find((o) => o.value === 1)!;
    const run = await replay(s, { schedule: got.schedule });
    const io = run.trace!.find((t) => t.op === 'io fetch')!;
    const awaited = run.trace!.find((t) => t.op === 'await io fetch (of A)')!;
    expect(awaited.sync).toEqual([io.step]);
  });

  it('the owner’s error is thrown at every await of the promise', async () => {
    const s: Scenario = {
      name: 'failed-shared-fetch',
      async main({ go, io, print }) {
        const p = io('fetch', (): string => {
          throw new Error('503 from backend');
        });
        const waiters = ['W1', 'W2'].map((name) =>
          go(async () => {
            try {
              await p;
              return `${name}: no error`;
            } catch (e) {
              return `${name}: ${(e as Error).message}`;
            }
          }, name),
        );
        let mine: string;
        try {
          await p;
          mine = 'main: no error';
        } catch (e) {
          mine = `main: ${(e as Error).message}`;
        }
        const theirs = [];
        for (const w of waiters) theirs.push(await w.join());
        await print(mine, ...theirs);
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => [o.result, o.output])).toEqual([
      ['ok', ['main: 503 from backend W1: 503 from backend W2: 503 from backend']],
    ]);
  });

  it('a rejected promise returned by fn reaches the other awaiters too', async () => {
    const s: Scenario = {
      name: 'rejected-shared-fetch',
      async main({ go, io }) {
        const p = io('fetch', () => Promise.reject(new Error('timeout')));
        const w = go(
          () =>
            p.then(
              () => 'W: ok',
              (e: Error) => `W: ${e.message}`,
            ),
          'W',
        );
        const mine = await p.catch((e: Error) => `main: ${e.message}`);
        return [mine, await w.join()];
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => [o.result, o.value])).toEqual([['ok', ['main: timeout', 'W: timeout']]]);
  });

  it('then, catch and finally work for the owner and for other tasks', async () => {
    const s: Scenario = {
      name: 'io-promise-methods',
      async main({ go, io }) {
        const log: string[] = [];
        const p = io('fetch', () => 'v');
        const w = go(async () => {
          const v = await p.finally(() => log.push('W finally'));
          return v.toUpperCase();
        }, 'W');
        const mine = await p.then((v) => `${v}!`);
        const again = await p; // the owner may await its promise again
        return [mine, again, await w.join(), log];
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => [o.result, o.value])).toEqual([['ok', ['v!', 'v', 'V', ['W finally']]]]);
  });

  it('Promise.all over one io works; over two ios of one task it is a missing await', async () => {
    const one: Scenario = {
      name: 'all-one',
      async main({ io }) {
        return Promise.all([io('x', () => 1)]);
      },
    };
    expect((await explore(one, { strategy: 'exhaustive' })).outcomes.map((o) => [o.result, o.value])).toEqual([['ok', [1]]]);
    const two: Scenario = {
      name: 'all-two',
      async main({ io }) {
        return Promise.all([io('x', () => 1), io('y', () => 2)]); // both
      },
    };
    const r = await explore(two, { strategy: 'exhaustive' });
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]!.panic).toEqual({
      kind: 'missing-await',
      task: 'main',
      message: 'task main started a scheduling operation while `io x` was still pending: a missing `await`',
      site: siteOf(import.meta.url, 'both'),
    });
  });

  it('Promise.all over other tasks’ io promises is a clear panic: a task waits on one operation at a time', async () => {
    const s: Scenario = {
      name: 'all-of-others',
      async main({ go, io }) {
        let pa: Promise<number> | undefined;
        let pb: Promise<number> | undefined;
        go(async () => {
          pa = io('fetch:a', () => 1);
          await pa;
        }, 'A');
        go(async () => {
          pb = io('fetch:b', () => 2);
          await pb;
        }, 'B');
        return Promise.all([pa!, pb!]); // all
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => [o.result, o.panic])).toEqual([
      [
        'panic',
        {
          kind: 'exception',
          task: 'main',
          message:
            'task main awaited `io fetch:b` of task B while waiting on `await io fetch:a (of A)`: a task waits on ' +
            'one operation at a time (for Promise.all over operations, await them one by one, or run each in a task of its own)',
          site: siteOf(import.meta.url, 'all'),
        },
      ],
    ]);
    // One by one, it works.
    const oneByOne: Scenario = {
      name: 'one-by-one',
      async main({ go, io }) {
        let pa: Promise<number> | undefined;
        let pb: Promise<number> | undefined;
        go(async () => {
          pa = io('fetch:a', () => 1);
          await pa;
        }, 'A');
        go(async () => {
          pb = io('fetch:b', () => 2);
          await pb;
        }, 'B');
        const all = [];
        for (const p of [pa!, pb!]) all.push(await p);
        return all;
      },
    };
    expect((await explore(oneByOne, { strategy: 'exhaustive' })).outcomes.map((o) => [o.result, o.value])).toEqual([['ok', [1, 2]]]);
  });

  it('an io that is never awaited by its own task is still a missing await', async () => {
    const s: Scenario = {
      name: 'io-not-awaited',
      async main({ io, print }) {
        void io('x', () => 1);
        await print('next'); // next
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes[0]!.panic).toEqual({
      kind: 'missing-await',
      task: 'main',
      message: 'task main started a scheduling operation while `io x` was still pending: a missing `await`',
      site: siteOf(import.meta.url, 'next'),
    });
  });

  it('another task’s then() without await, then an operation: a missing await', async () => {
    const s: Scenario = {
      name: 'then-not-awaited',
      async main({ go, io, print }) {
        const p = io('fetch', () => 'v');
        const w = go(async () => {
          void p.then((v) => v);
          await print('W goes on'); // W goes on
        }, 'W');
        await p;
        await w.join();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.panic)).toEqual([
      {
        kind: 'missing-await',
        task: 'W',
        message:
          'task W started a scheduling operation while `await io fetch (of main)` was still pending: a missing `await`',
        site: siteOf(import.meta.url, 'W goes on'),
      },
    ]);
  });

  it('a promise derived from another task’s io promise is not an operation: an uncontrolled await', async () => {
    const s: Scenario = {
      name: 'derived-promise',
      async main({ go, io }) {
        const p = io('fetch', () => 'v');
        const derived = p.then((v) => v.toUpperCase()); // a native promise, settled by main's code
        const w = go(async () => `W: ${await derived}`, 'W');
        return [await p, await w.join()];
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => [o.result, o.panic?.kind, o.panic?.task])).toEqual([
      ['panic', 'uncontrolled-await', 'W'],
    ]);
  });

  it('a plain promise that the io’s owner settles is still an uncontrolled await', async () => {
    const s: Scenario = {
      name: 'hand-made-deferred',
      async main({ go, io, print }) {
        let settle: (v: string) => void = () => {};
        const done = new Promise<string>((resolve) => (settle = resolve));
        go(async () => {
          await print(await done);
        }, 'W');
        settle(await io('fetch', () => 'v'));
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]!.result).toBe('panic');
    expect(r.outcomes[0]!.panic).toMatchObject({ kind: 'uncontrolled-await', task: 'W' });
  });

  /**
   * An owner whose io fails or not, and awaiters that each yield `y` times
   * before awaiting the owner's promise; main joins them all, in order.
   */
  function sharing(yields: readonly number[], fails: boolean): Scenario {
    return {
      name: `sharing-${yields.join('-')}${fails ? '-failing' : ''}`,
      async main({ go, io, yieldNow }) {
        let calls = 0;
        let p: Promise<string> | undefined;
        const settle = async (q: Promise<string>): Promise<string> => {
          try {
            return await q;
          } catch (e) {
            return `error: ${(e as Error).message}`;
          }
        };
        const owner = go(() => {
          p = io('fetch', () => {
            calls++;
            if (fails) throw new Error('503');
            return 'v';
          });
          return settle(p);
        }, 'owner');
        const awaiters = yields.map((y, i) =>
          go(async () => {
            for (let k = 0; k < y; k++) await yieldNow();
            return settle(p!);
          }, `a${i}`),
        );
        const got = [await owner.join()];
        for (const a of awaiters) got.push(await a.join());
        return { calls, got };
      },
    };
  }

  /**
   * The number of schedules, counted without the scheduler: the orders of the
   * owner's io, each awaiter's yields then its await (only after the io), and
   * main's joins (each after its task's last step).
   */
  function schedules(yields: readonly number[]): number {
    const memo = new Map<string, number>();
    const count = (io: boolean, at: number[], joined: number): number => {
      const key = `${io}|${at.join(',')}|${joined}`;
      const known = memo.get(key);
      if (known !== undefined) return known;
      let n = 0;
      let moves = 0;
      if (!io) {
        moves++;
        n += count(true, at, joined);
      }
      at.forEach((pos, i) => {
        if (pos > yields[i]! || (pos === yields[i] && !io)) return;
        moves++;
        n += count(
          io,
          at.map((x, j) => (j === i ? x + 1 : x)),
          joined,
        );
      });
      // Join the owner once the io took effect, awaiter i once its await did.
      if (joined <= yields.length && (joined === 0 ? io : at[joined - 1]! > yields[joined - 1]!)) {
        moves++;
        n += count(io, at, joined + 1);
      }
      const total = moves === 0 ? 1 : n;
      memo.set(key, total);
      return total;
    };
    return count(
      false,
      yields.map(() => 0),
      0,
    );
  }

  it('property: any number of awaiters, at any time, get the owner’s value or error in every schedule; fn runs once', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Small enough to explore quickly: [1, 1, 1] alone would be 4074 schedules.
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }).filter((ys) => schedules(ys) <= 120),
        fc.boolean(),
        async (yields, fails) => {
          const r = await explore(sharing(yields, fails), { strategy: 'exhaustive' });
          const each = fails ? 'error: 503' : 'v';
          expect(r.complete).toBe(true);
          expect(r.outcomes.map((o) => [o.result, o.value])).toEqual([
            ['ok', { calls: 1, got: [each, ...yields.map(() => each)] }],
          ]);
          expect(r.executions).toBe(schedules(yields));
        },
      ),
      { numRuns: 20, seed: 3 },
    );
  });
});
