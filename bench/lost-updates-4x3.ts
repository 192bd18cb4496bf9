/**
 * The bench's scenario for `--workers`: 4 tasks each read a shared counter,
 * write it back plus one and yield — 12 steps in all, so an exhaustive search
 * runs 12! / (3!)^4 = 369,600 executions — with few outcomes (the counter
 * ends at 1 to 4: updates get lost), so the measure is the search, not the
 * transfer of outcomes between threads. A file of its own, since worker
 * threads load the scenario from its file. No import: it runs as compiled.
 */
export default {
  name: 'lost-updates-4x3',
  async main({ go, shared, waitGroup, yieldNow }: import('../src/index.js').Runtime) {
    const counter = shared('counter', 0);
    const wg = waitGroup();
    for (const name of ['a', 'b', 'c', 'd']) {
      wg.add(1);
      go(async () => {
        const n = await counter.get();
        await counter.set(n + 1);
        await yieldNow();
        wg.done();
      }, name);
    }
    await wg.wait();
    return counter.get();
  },
};
