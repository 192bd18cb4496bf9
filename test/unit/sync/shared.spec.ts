/**
 * shared(name, initial): get, set and update are scheduling operations;
 * update is an atomic read-modify-write.
 */
import { describe, expect, it } from 'vitest';
import { explore, replay, type Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';

const twoIncrements = (atomic: boolean): Scenario => ({
  name: atomic ? 'atomic' : 'racy',
  async main({ go, shared, waitGroup }) {
    const n = shared('n', 0);
    const wg = waitGroup();
    wg.add(2);
    for (const t of ['A', 'B']) {
      go(async () => {
        if (atomic) await n.update((v) => v + 1);
        else await n.set((await n.get()) + 1);
        wg.done();
      }, t);
    }
    await wg.wait();
    return n.get();
  },
});

describe('shared variables', () => {
  it('get then set loses updates: values 1 and 2, over 4!/(2!·2!) = 6 executions', async () => {
    const r = await explore(twoIncrements(false), { strategy: 'exhaustive' });
    expect(r.executions).toBe(6);
    const byValue = new Map<unknown, number>();
    for (const o of r.outcomes) byValue.set(o.value, (byValue.get(o.value) ?? 0) + o.count);
    // The two writes are ordered after both reads in 4 of the 6 interleavings.
    expect(Object.fromEntries(byValue)).toEqual({ 1: 4, 2: 2 });
  });

  it('update is atomic: always 2, over 2 executions', async () => {
    const r = await explore(twoIncrements(true), { strategy: 'exhaustive' });
    expect(r.executions).toBe(2);
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]).toMatchObject({ value: 2, count: 2 });
  });

  it('update returns the new value; set resolves to undefined', async () => {
    const s: Scenario = {
      name: 'shared-values',
      async main({ shared }) {
        const x = shared('x', 10);
        const afterUpdate = await x.update((v) => v * 2);
        const setResult = await x.set(5);
        return [afterUpdate, setResult ?? 'undefined', await x.get(), x.name];
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).outcomes[0]!.value).toEqual([20, 'undefined', 5, 'x']);
  });

  it('every access is a step with a description', async () => {
    const s: Scenario = {
      name: 'shared-trace',
      async main({ shared }) {
        const x = shared<object>('x', { a: 1 });
        await x.get();
        await x.set({ a: 2 });
        await x.set({ long: 'a'.repeat(60) });
        await x.update((v) => v);
      },
    };
    const run = await replay(s, { schedule: '-' });
    expect(run.trace!.map((t) => t.op)).toEqual([
      'get x',
      'set x = {"a":2}',
      `set x = {"long":"${'a'.repeat(28)}...`,
      'update x',
    ]);
  });

  it('variables are per execution: each run starts from the initial value', async () => {
    const r = await explore(twoIncrements(true), { strategy: 'exhaustive' });
    const again = await replay(twoIncrements(true), { schedule: r.outcomes[0]!.schedule });
    expect(again.value).toBe(2);
  });

  it('a second variable with the same name is a panic', async () => {
    const s: Scenario = {
      name: 'shared-dup',
      async main({ shared }) {
        shared('x', 1);
        shared('x', 2);
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).outcomes[0]!.panic).toMatchObject({
      kind: 'exception',
      task: 'main',
      message: 'shared variable "x" already exists in this execution',
    });
  });

  it('an empty name and a non-function update are TypeError panics', async () => {
    const empty: Scenario = {
      name: 'shared-empty',
      async main({ shared }) {
        shared('', 1);
      },
    };
    expect((await explore(empty, { strategy: 'exhaustive' })).outcomes[0]!.panic!.message).toBe('TypeError: shared expects a non-empty name, got ');
    const notFn: Scenario = {
      name: 'shared-update-not-fn',
      async main({ shared }) {
        await shared('x', 1).update(3 as unknown as (v: number) => number);
      },
    };
    expect((await explore(notFn, { strategy: 'exhaustive' })).outcomes[0]!.panic!.message).toBe('TypeError: update expects a function, got number');
  });

  it('an update function that throws is a panic of the updating task at the function’s line', async () => {
    const s: Scenario = {
      name: 'shared-update-throws',
      async main({ go, shared, waitGroup }) {
        const x = shared('x', 0);
        const wg = waitGroup();
        wg.add(1);
        go(async () => {
          await x.update(() => {
            throw new Error('no update'); // site:update-throws
          });
          wg.done();
        }, 'U');
        await wg.wait();
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).outcomes[0]!.panic).toEqual({
      kind: 'exception',
      task: 'U',
      message: 'no update',
      site: siteOf(import.meta.url, 'site:update-throws'),
    });
  });

  it('an update function’s exception can be caught by the task, which goes on', async () => {
    const s: Scenario = {
      name: 'shared-update-caught',
      async main({ shared }) {
        const x = shared('x', 1);
        try {
          await x.update(() => {
            throw new Error('nope');
          });
        } catch (e) {
          return [(e as Error).message, await x.get()];
        }
        return 'not thrown';
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).outcomes[0]).toMatchObject({ result: 'ok', value: ['nope', 1] });
  });
});
