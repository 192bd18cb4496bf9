/**
 * The scenarios the bench runs, each in three forms: as an interleave scenario,
 * as plain un-scheduled async code (the floor: print pushes to an array, sleep
 * is an already-resolved promise), and — for workers — with fast-check's own
 * scheduler (see fast-check-workers.ts).
 *
 * The scenarios have no import of 'interleave' so that the bench always runs
 * the sources in src/, never a stale dist/.
 */
import type { Scenario } from '../src/index.js';

/**
 * 3 tasks each print 3 distinct lines; main waits for them with a WaitGroup.
 * Exhaustive exploration finds 9! / (3!·3!·3!) = 1680 distinct outputs, one
 * execution each (main's wait is never a choice: it is enabled only once
 * every print has happened).
 */
export const prints3x3: Scenario = {
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
};

/** Steps per execution of prints3x3: 9 prints and main's wait. */
export const PRINTS_3X3_STEPS = 10;
/** Steps per execution of workers.ts: 3 per worker, main's sleep and print. */
export const WORKERS_STEPS = 8;

/** workers.ts as plain async code, with nothing scheduled: the floor. */
export async function plainWorkers(): Promise<string[]> {
  const out: string[] = [];
  const print = async (line: string): Promise<void> => {
    out.push(line);
  };
  const sleep = async (ms: number): Promise<void> => {
    void ms;
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
  return out;
}

/** prints3x3 as plain async code: a WaitGroup becomes Promise.all. */
export async function plainPrints3x3(): Promise<string[]> {
  const out: string[] = [];
  const print = async (line: string): Promise<void> => {
    out.push(line);
  };
  const tasks: Promise<void>[] = [];
  for (const name of ['a', 'b', 'c']) {
    tasks.push(
      (async () => {
        await print(`${name}1`);
        await print(`${name}2`);
        await print(`${name}3`);
      })(),
    );
  }
  await Promise.all(tasks);
  return out;
}
