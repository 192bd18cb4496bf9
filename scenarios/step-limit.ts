/**
 * Busy-waiting for a flag that nobody sets: the waiter spins forever, never
 * blocked, so it is not a deadlock; the step limit ends each execution.
 *
 * Expected verdict: one outcome, result `step-limit` (200 steps), a
 * `step-limit` finding, exit code 1.
 */
export default {
  name: 'step-limit',
  options: { maxSteps: 200 },
  async main({ go, shared, yieldNow, print }) {
    const ready = shared('ready', false);
    const waiter = go(async () => {
      while (!(await ready.get())) await yieldNow();
      await print('ready!');
    }, 'waiter');
    // The producer should have called `await ready.set(true)` here.
    await waiter.join();
  },
} satisfies import('interleave').Scenario;
