/**
 * A worker that fails: an exception in any task ends the whole program, as a
 * panic does in Go.
 *
 * Expected verdict: one outcome, result `panic` in task Jim with the message
 * and the line below, a `panic` finding, exit code 1.
 */
export default {
  name: 'panic',
  async main({ go, print, waitGroup }) {
    const wg = waitGroup();
    const jobs: Record<string, string[]> = { Pam: ['invoice 1', 'invoice 2'] };
    const worker = async (name: string) => {
      for (const job of jobs[name]!) await print(`${name}: ${job}`); // Jim has no jobs entry
      wg.done();
    };
    wg.add(1);
    go(() => worker('Jim'), 'Jim');
    await wg.wait();
    await print('all work was done');
  },
} satisfies import('interleave').Scenario;
