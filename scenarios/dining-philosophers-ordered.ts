/**
 * Dining philosophers fixed by ordering the forks: everyone picks up the
 * lower-numbered of his two forks first. Hume, whose left fork is fork2 and
 * right fork fork0, now reaches right first, so the cycle of waits that
 * deadlocked the table cannot form.
 *
 * Expected verdict: 6 outcomes, the orders in which the three can eat (the
 * order is still up to the scheduler: honest concurrency), all ok; finding
 * `ordering` only — no `deadlock`, no `race`; exit code 1.
 * Exhaustive exploration: 30 executions.
 */
export default {
  name: 'dining-philosophers-ordered',
  async main({ go, mutex, waitGroup, print }) {
    const names = ['Plato', 'Kant', 'Hume'];
    const forks = names.map((_, i) => mutex(`fork${i}`));
    const wg = waitGroup();
    wg.add(names.length);
    names.forEach((name, i) => {
      const j = (i + 1) % forks.length;
      const first = forks[Math.min(i, j)]!;
      const second = forks[Math.max(i, j)]!;
      go(async () => {
        await first.lock();
        await second.lock();
        await print(`${name} eats`);
        second.unlock();
        first.unlock();
        wg.done();
      }, name);
    });
    await wg.wait();
  },
} satisfies import('interleave').Scenario;
