/**
 * Bank transfer with a lock-order deadlock: a transfer locks the account it
 * takes money from, then the one it pays into. Pam pays Jim while Jim pays
 * Pam: each can hold his own account and wait forever for the other's.
 *
 * Expected verdict: 2 outcomes: "pam: 110, jim: 90" (both transfers done, ok)
 * and a `deadlock` with empty output ("t1 waits: lock pam (held by t2)",
 * "t2 waits: lock jim (held by t1)", and main waits on the WaitGroup);
 * findings `ordering` and `deadlock`, no `race` (every balance access is made
 * holding both accounts' locks); exit code 1.
 * Exhaustive exploration: 4 executions.
 */
export default {
  name: 'bank-deadlock',
  async main({ go, shared, mutex, waitGroup, print }) {
    const account = (name: string, balance: number) => ({ balance: shared(name, balance), lock: mutex(name) });
    type Account = ReturnType<typeof account>;
    const pam = account('pam', 100);
    const jim = account('jim', 100);
    const wg = waitGroup();
    const transfer = async (from: Account, to: Account, amount: number) => {
      await from.lock.lock(); // the payer's account first...
      await to.lock.lock(); // ...then the payee's: opposite orders for opposite transfers
      await from.balance.set((await from.balance.get()) - amount);
      await to.balance.set((await to.balance.get()) + amount);
      to.lock.unlock();
      from.lock.unlock();
      wg.done();
    };
    wg.add(2);
    go(() => transfer(jim, pam, 30), 't1');
    go(() => transfer(pam, jim, 20), 't2');
    await wg.wait();
    await print(`pam: ${await pam.balance.get()}, jim: ${await jim.balance.get()}`);
  },
} satisfies import('interleave').Scenario;
