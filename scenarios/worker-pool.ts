/**
 * A worker pool, Go by Example style: workers take jobs from a `jobs`
 * channel and send their results on a `results` channel; each job takes one
 * second of (virtual) work. Five seconds of work, two jobs at a time: it is
 * all done after three seconds, whichever worker takes which job.
 *
 * (Go by Example has three workers. Every worker's steps at the same virtual
 * instant interleave in every possible way, so three workers make 201,600
 * schedules for five jobs (10,080 for four); two make 800.)
 *
 * Expected verdict: one outcome, "sum of results: 30, done at 3000 ms", the
 * total virtual time 3000 ms in every schedule; no finding (no `race`, no
 * `timing`: main waits for the workers with a WaitGroup, not by sleeping);
 * exit code 0. Exhaustive exploration: 800 executions.
 */
export default {
  name: 'worker-pool',
  async main({ go, channel, sleep, waitGroup, print, now }) {
    const workers = 2;
    const count = 5;
    const jobs = channel<number>(count);
    const results = channel<number>(count);
    for (let job = 1; job <= count; job++) await jobs.send(job);
    await jobs.close();
    const wg = waitGroup();
    wg.add(workers);
    for (let w = 1; w <= workers; w++) {
      go(async () => {
        for await (const job of jobs) {
          await sleep(1000); // the work
          await results.send(job * 2);
        }
        wg.done();
      }, `worker${w}`);
    }
    await wg.wait();
    let sum = 0;
    for (let i = 0; i < count; i++) sum += (await results.recv())!;
    await print(`sum of results: ${sum}, done at ${now()} ms`);
    return now();
  },
} satisfies import('interleave').Scenario;
