/**
 * Overbooking: two buyers check that a seat is left, then take it. The check
 * and the update are two steps, so both can see the last seat.
 *
 * Expected verdict: 3 outcomes (main returns the sorted buyers): Pam gets the
 * seat, Jim gets it, or both do and the invariant `sold <= capacity` fails
 * (result `violation`); findings `ordering`, `violation`, and a `race` on
 * each of `seats` and `buyers` (the buyers read and update them with nothing
 * ordering one buyer's steps against the other's); exit code 1.
 */
export default {
  name: 'violation',
  async main({ go, shared, assert, waitGroup }) {
    const capacity = 1;
    const seats = shared('seats', capacity);
    const buyers = shared<string[]>('buyers', []);
    const wg = waitGroup();
    const buy = async (name: string) => {
      if ((await seats.get()) > 0) {
        await seats.update((n) => n - 1);
        await buyers.update((b) => [...b, name]);
      }
      wg.done();
    };
    wg.add(2);
    go(() => buy('Pam'), 'Pam');
    go(() => buy('Jim'), 'Jim');
    await wg.wait();
    const sold = [...(await buyers.get())].sort();
    assert(sold.length <= capacity, `sold ${sold.length} seats of ${capacity}: ${sold.join(', ')}`);
    return sold;
  },
} satisfies import('interleave').Scenario;
