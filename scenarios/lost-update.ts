/**
 * Lost update: three tasks each add one to a shared counter, but read and
 * write it in two steps (`get`, then `set`), so a task can overwrite an
 * increment it never saw.
 *
 * Expected verdict: 3 outcomes: "counter = 3" (ok), and "counter = 2" and
 * "counter = 1" (result `violation`: the assert on the final value fails);
 * findings `ordering`, `race` (on counter: a task's get and another's set,
 * unordered by any synchronization) and `violation`; exit code 1.
 * Exhaustive exploration: 90 executions.
 */
export default {
  name: 'lost-update',
  async main({ go, shared, waitGroup, print, assert }) {
    const counter = shared('counter', 0);
    const wg = waitGroup();
    const add = async () => {
      const n = await counter.get();
      await counter.set(n + 1); // not atomic with the get: an update can be lost
      wg.done();
    };
    wg.add(3);
    for (const name of ['A', 'B', 'C']) go(add, name);
    await wg.wait();
    const total = await counter.get();
    await print(`counter = ${total}`);
    assert(total === 3, 'an update was lost');
    return total;
  },
} satisfies import('interleave').Scenario;
