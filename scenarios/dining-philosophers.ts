/**
 * Dining philosophers: three philosophers around a table with a fork between
 * each two. Each picks up the fork on the left, then the one on the right,
 * eats, and puts both down. If all three pick up their left fork at once,
 * each waits forever for the fork its neighbour holds.
 *
 * Expected verdict: 7 outcomes: the 6 orders in which the three can eat
 * (ok), and a `deadlock` with empty output (each philosopher holds his left
 * fork and waits to lock the right one); findings `ordering` and `deadlock`,
 * no `race`; exit code 1.
 * Exhaustive exploration: 48 executions.
 */
export default {
  name: 'dining-philosophers',
  async main({ go, mutex, waitGroup, print }) {
    const names = ['Plato', 'Kant', 'Hume'];
    const forks = names.map((_, i) => mutex(`fork${i}`));
    const wg = waitGroup();
    wg.add(names.length);
    names.forEach((name, i) => {
      const left = forks[i]!;
      const right = forks[(i + 1) % forks.length]!;
      go(async () => {
        await left.lock();
        await right.lock(); // all three holding their left fork: deadlock
        await print(`${name} eats`);
        right.unlock();
        left.unlock();
        wg.done();
      }, name);
    });
    await wg.wait();
  },
} satisfies import('interleave').Scenario;
