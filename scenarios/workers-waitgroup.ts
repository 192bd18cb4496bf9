/**
 * The seed program with a WaitGroup instead of `time.Sleep`: main waits for
 * exactly as long as the workers take.
 *
 * Expected verdict: the same 4 outputs as workers.ts (the workers' lines are
 * still unordered: that is honest concurrency, and the `ordering` finding says
 * no synchronization orders them), exit code 1; but no `timing` finding: main's
 * last line now comes after the workers because it waited for them (wg.done →
 * wg.wait is a happens-before edge), and no schedule loses a line.
 */
export default {
  name: 'workers-waitgroup',
  async main({ go, sleep, print, now, waitGroup }) {
    const wg = waitGroup();
    const worker = async (name: string) => {
      await print(`${name}: doing my work...`);
      await sleep(2000);
      await print(`${name}: done`);
      wg.done();
    };
    wg.add(2);
    go(() => worker('Pam'), 'Pam');
    go(() => worker('Jim'), 'Jim');
    await wg.wait();
    await print(`all work was done in ${now() / 1000} seconds`);
  },
} satisfies import('interleave').Scenario;
