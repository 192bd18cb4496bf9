/**
 * workers.ts written with fast-check's own scheduler (`fc.scheduler()`): every
 * scheduling operation is a scheduled promise that the task awaits before the
 * operation takes effect, as in interleave. fast-check has no virtual clock,
 * so a sleep is just a scheduled promise and main's line may come before a
 * worker's: 30 distinct outputs instead of interleave's 4. The work per run is
 * the same: 8 scheduled steps.
 */
import fc from 'fast-check';

/** Runs workers under `s`, printing into `out`; settles when main returns. */
export async function fcWorkers(s: fc.Scheduler, out: string[]): Promise<void> {
  const print = async (line: string): Promise<void> => {
    await s.schedule(Promise.resolve(), 'print');
    out.push(line);
  };
  const sleep = async (ms: number): Promise<void> => {
    await s.schedule(Promise.resolve(ms), 'sleep');
  };
  const worker = async (name: string): Promise<void> => {
    await print(`${name}: doing my work...`);
    await sleep(2000);
    await print(`${name}: done`);
  };
  void worker('Pam');
  void worker('Jim');
  await sleep(3000);
  await print(`all work was done in ${3000 / 1000} seconds`);
}

export type FcDriver = 'assert-waitIdle' | 'sample-waitAll';

/**
 * Runs `runs` schedules of fcWorkers, each to completion, with one of two drivers:
 *
 * - `assert-waitIdle`: the idiomatic property,
 *   `fc.assert(fc.asyncProperty(fc.scheduler(), ...))` driven with
 *   `s.waitIdle()`, fast-check's recommended way to run every scheduled and
 *   reachable task. Every run completes.
 * - `sample-waitAll`: the cheapest way we found to drive fast-check's scheduler:
 *   schedulers drawn with `fc.sample` (no property runner) and `s.waitAll()`.
 *   waitAll returns as soon as nothing is scheduled at the instant it looks,
 *   which can be before a just-resumed task schedules its next step, so some
 *   runs end early (and are cheaper); see `fcIncomplete`.
 *
 * Returns how many runs ended with all 5 lines printed, nothing left scheduled.
 */
export async function fcRun(driver: FcDriver, runs: number, seed: number, check = false): Promise<number> {
  let complete = 0;
  const settle = async (s: fc.Scheduler, out: string[]): Promise<void> => {
    if (!check) return;
    // Let anything a resumed task still had to do run (outside any timing).
    for (let i = 0; i < 20; i++) await Promise.resolve();
    if (out.length === 5 && s.count() === 0) complete++;
  };
  if (driver === 'assert-waitIdle') {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const out: string[] = [];
        const main = fcWorkers(s, out);
        await s.waitIdle();
        await main;
        await settle(s, out);
      }),
      { numRuns: runs, seed },
    );
  } else {
    for (const s of fc.sample(fc.scheduler(), { numRuns: runs, seed })) {
      const out: string[] = [];
      // When waitAll returns early, main never settles: do not await it.
      void fcWorkers(s, out);
      await s.waitAll();
      await settle(s, out);
    }
  }
  return complete;
}
