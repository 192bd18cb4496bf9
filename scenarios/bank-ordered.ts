/**
 * The bank transfer fixed by lock ordering: every transfer locks the two
 * accounts in one global order (by account name), whichever way the money
 * goes, so no two transfers can each hold what the other waits for.
 *
 * Expected verdict: one outcome, "pam: 110, jim: 90", no finding (no
 * `deadlock`, no `race`), exit code 0.
 * Exhaustive exploration: 2 executions.
 */
export default {
  name: 'bank-ordered',
  async main({ go, shared, mutex, waitGroup, print }) {
    const account = (name: string, balance: number) => ({ name, balance: shared(name, balance), lock: mutex(name) });
    type Account = ReturnType<typeof account>;
    const pam = account('pam', 100);
    const jim = account('jim', 100);
    const wg = waitGroup();
    const transfer = async (from: Account, to: Account, amount: number) => {
      const [first, second] = from.name < to.name ? [from, to] : [to, from];
      await first.lock.lock();
      await second.lock.lock();
      await from.balance.set((await from.balance.get()) - amount);
      await to.balance.set((await to.balance.get()) + amount);
      second.lock.unlock();
      first.lock.unlock();
      wg.done();
    };
    wg.add(2);
    go(() => transfer(jim, pam, 30), 't1');
    go(() => transfer(pam, jim, 20), 't2');
    await wg.wait();
    await print(`pam: ${await pam.balance.get()}, jim: ${await jim.balance.get()}`);
  },
} satisfies import('interleave').Scenario;
