import { describe, expect, it } from 'vitest';
import { explore, replay, type Scenario } from '../../../src/index.js';

/** Real-looking async code: a cache that checks, then fetches on a miss. */
function makeCache(fetch: (key: string) => Promise<string>) {
  const values = new Map<string, string>();
  return {
    async getOrFetch(key: string): Promise<string> {
      const hit = values.get(key);
      if (hit !== undefined) return hit;
      const v = await fetch(key);
      values.set(key, v);
      return v;
    },
  };
}

const cacheScenario: Scenario = {
  name: 'cache-check-then-act',
  async main({ go, io, yieldNow, waitGroup, assert }) {
    let fetches = 0;
    const cache = makeCache((key) =>
      io('backend', () => {
        fetches++;
        return `value of ${key}`;
      }),
    );
    const wg = waitGroup();
    wg.add(2);
    const got: string[] = [];
    for (const name of ['r1', 'r2']) {
      go(async () => {
        await yieldNow(); // the request arrives
        got.push(await cache.getOrFetch('user:1'));
        wg.done();
      }, name);
    }
    await wg.wait();
    assert(fetches === 1, `the backend was asked ${fetches} times for one key`);
    return { fetches, got };
  },
};

describe('io', () => {
  it('lets real async code interleave at its I/O: two requests can both miss the cache', async () => {
    const r = await explore(cacheScenario);
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => [o.result, o.value]).sort()).toEqual([
      ['ok', { fetches: 1, got: ['value of user:1', 'value of user:1'] }],
      ['violation', { fetches: 2, got: ['value of user:1', 'value of user:1'] }],
    ]);
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering', 'violation']);
    expect(r.findings[1]!.message).toMatch(/^assertion failed in task main: the backend was asked 2 times for one key/);
  });

  it('shows in the trace, and replays', async () => {
    const r = await explore(cacheScenario);
    for (const o of r.outcomes) {
      const run = await replay(cacheScenario, { schedule: o.schedule });
      expect([run.result, run.value]).toEqual([o.result, o.value]);
      expect(run.trace!.filter((s) => s.op === 'io backend').length).toBe((o.value as { fetches: number }).fetches);
    }
  });

  it('a throw in fn is thrown at the task’s await, as a failed request', async () => {
    const s: Scenario = {
      name: 'failed-request',
      async main({ io, print }) {
        try {
          await io('backend', () => {
            throw new Error('503');
          });
        } catch (e) {
          await print(`caught ${(e as Error).message}`);
        }
        await io('backend', () => {
          throw new Error('still down');
        });
      },
    };
    const r = await explore(s);
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]!.output).toEqual(['caught 503']);
    expect(r.outcomes[0]!.panic).toMatchObject({ kind: 'exception', task: 'main', message: 'still down' });
  });

  it('fn may not call scheduling operations', async () => {
    const s: Scenario = {
      name: 'io-calls-print',
      async main({ io, print }) {
        await io('x', () => print('no'));
      },
    };
    const r = await explore(s);
    expect(r.outcomes[0]!.panic!.message).toBe(
      'a scheduling operation cannot be called inside update(fn) or io(name, fn): the function runs inside a step',
    );
  });

  it('bad arguments panic in the calling task', async () => {
    const r = await explore({ name: 'bad-io', main: async ({ io }) => io('', () => 1) });
    expect(r.outcomes[0]!.panic!.message).toBe('TypeError: io expects a non-empty name, got ');
  });
});
