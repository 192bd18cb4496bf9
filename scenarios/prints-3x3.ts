/**
 * Three tasks each print three lines; main waits for them with a WaitGroup.
 *
 * Expected verdict: every interleaving of the nine lines that keeps each
 * task's own three in order — 9! / (3!·3!·3!) = 1680 outcomes, one execution
 * each — and an `ordering` finding; exit code 1. The search is large enough
 * to show `--workers 2` and `--shard i/n` + `interleave merge` giving the
 * outcomes and counts of one run.
 */
export default {
  name: 'prints-3x3',
  async main({ go, print, waitGroup }) {
    const wg = waitGroup();
    for (const name of ['a', 'b', 'c']) {
      wg.add(1);
      go(async () => {
        await print(`${name}1`);
        await print(`${name}2`);
        await print(`${name}3`);
        wg.done();
      }, name);
    }
    await wg.wait();
  },
} satisfies import('interleave').Scenario;
