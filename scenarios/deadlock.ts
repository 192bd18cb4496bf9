/**
 * A WaitGroup told to wait for two workers, but only one is started: main
 * waits forever. Go says "fatal error: all goroutines are asleep - deadlock!".
 *
 * Expected verdict: one outcome, result `deadlock` (main waits on wg#1 with
 * counter 1), a `deadlock` finding, exit code 1.
 */
export default {
  name: 'deadlock',
  async main({ go, sleep, print, waitGroup }) {
    const wg = waitGroup();
    wg.add(2); // two workers planned...
    go(async () => {
      await print('Pam: doing my work...');
      await sleep(2000);
      await print('Pam: done');
      wg.done();
    }, 'Pam');
    // ...but the second one was never started.
    await wg.wait();
    await print('all work was done');
  },
} satisfies import('interleave').Scenario;
