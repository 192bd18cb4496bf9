/**
 * The lost update fixed: each task holds a mutex across its read and write,
 * so no task can slip in between them.
 *
 * Expected verdict: one outcome, "counter = 3", no finding (no `race`: every
 * access to counter is ordered by the mutex's unlock → lock), exit code 0.
 * Exhaustive exploration: 6 executions (the orders in which the three take the mutex).
 */
export default {
  name: 'lost-update-mutex',
  async main({ go, shared, waitGroup, mutex, print, assert }) {
    const counter = shared('counter', 0);
    const mu = mutex();
    const wg = waitGroup();
    const add = async () => {
      await mu.lock();
      const n = await counter.get();
      await counter.set(n + 1);
      mu.unlock();
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
