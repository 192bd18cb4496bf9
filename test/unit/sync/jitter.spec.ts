import { describe, expect, it } from 'vitest';
import { explore, OptionError, replay, type Scenario } from '../../../src/index.js';
import workers from '../../../scenarios/workers.js';

const DOING = { P: 'Pam: doing my work...', J: 'Jim: doing my work...' };
const DONE = { P: 'Pam: done', J: 'Jim: done' };

/**
 * The outputs of workers.ts when main's 3000 ms sleep ends at 1500, 3000 or
 * 4500 ms and each worker's 2000 ms sleep at 1000, 2000 or 3000 ms. A worker
 * whose sleep ends before main's prints "done" first; one that ends at the
 * same instant as main's may go either way; main's line ends the program.
 */
function expectedOutputs(): string[][] {
  const out: string[][] = [];
  const orders = [['P', 'J'], ['J', 'P']] as const;
  for (const [main, seconds] of [[1500, '1.5'], [3000, '3'], [4500, '4.5']] as const) {
    // The "done" lines that can come before main's: every subset of the workers, in every order,
    // as long as each can end at or before main (always: a worker can end at 1000 ms).
    const dones: string[][] = [[], ['P'], ['J'], ['P', 'J'], ['J', 'P']];
    for (const doing of orders) {
      for (const done of dones) {
        // Main at 4500 ms comes after both workers (3000 ms at the latest).
        if (main === 4500 && done.length < 2) continue;
        out.push([
          ...doing.map((w) => DOING[w]),
          ...done.map((w) => DONE[w as 'P' | 'J']),
          `all work was done in ${seconds} seconds`,
        ]);
      }
    }
  }
  return out;
}

const key = (output: readonly string[]): string => output.join(' | ');

describe('jitter', () => {
  it('workers.ts with jitter 0.5: main may print before a worker is done (the exact 24 outputs)', async () => {
    const r = await explore(workers, { strategy: 'exhaustive', jitter: 0.5, file: 'scenarios/workers.ts' });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => key(o.output)).sort()).toEqual(expectedOutputs().map(key).sort());
    expect(r.outcomes).toHaveLength(24);
    expect(r.executions).toBe(4410);
    // Main printing before a worker is done: the worker is unfinished.
    const early = r.outcomes.filter((o) => o.unfinished.length > 0);
    expect(early).toHaveLength(12); // 1.5 s and 3 s: 2 orders × (no worker, only Pam, only Jim done)
    for (const o of r.outcomes) expect(o.replay).toMatch(/ --jitter 0\.5$/);
  });

  it('the replay of each outcome reproduces it', async () => {
    const r = await explore(workers, { strategy: 'exhaustive', jitter: 0.5 });
    for (const o of r.outcomes) {
      const run = await replay(workers, { schedule: o.schedule, jitter: 0.5 });
      expect([run.output, run.unfinished, run.time]).toEqual([o.output, o.unfinished, o.time]);
    }
  });

  it('a sleep is two steps: its length is a move with three alternatives, then the sleep', async () => {
    const one: Scenario = {
      name: 'one-sleep',
      async main({ sleep, now }) {
        await sleep(1000);
        return now();
      },
    };
    const r = await explore(one, { strategy: 'exhaustive', jitter: 0.25, trace: true });
    expect(r.outcomes.map((o) => [o.value, o.schedule])).toEqual([
      [1000, '0'],
      [750, '0:1:'],
      [1250, '0:2:'],
    ]);
    expect(r.outcomes[1]!.trace!.map((s) => s.op)).toEqual(['sleep 1000ms: lasts 750ms', 'sleep 1000ms (until 750ms)']);
  });

  it('without jitter (or with 0) nothing changes: the same 12 executions and schedules', async () => {
    const plain = await explore(workers, { strategy: 'exhaustive' });
    const zero = await explore(workers, { strategy: 'exhaustive', jitter: 0 });
    expect(plain.executions).toBe(12);
    expect(zero.executions).toBe(12);
    expect(zero.outcomes.map((o) => [o.output, o.schedule, o.replay])).toEqual(plain.outcomes.map((o) => [o.output, o.schedule, o.replay]));
    expect(plain.outcomes.every((o) => !o.replay.includes('--jitter'))).toBe(true);
  });

  it('sleep(0) is still a yield under jitter', async () => {
    const s: Scenario = {
      name: 'zero',
      async main({ sleep }) {
        await sleep(0);
      },
    };
    const r = await explore(s, { jitter: 0.5, trace: true });
    expect(r.outcomes[0]!.trace!.map((t) => t.op)).toEqual(['yield']);
  });

  it('is checked: 0 ≤ j < 1', async () => {
    await expect(explore(workers, { jitter: 2 })).rejects.toThrow(
      new OptionError('Expected `jitter` (--jitter) to be a number from 0 up to but not including 1, such as 0.5, got 2 (number)'),
    );
    await expect(explore(workers, { jitter: 1 })).rejects.toThrow(OptionError);
    await expect(explore(workers, { jitter: -0.1 })).rejects.toThrow(OptionError);
    await expect(explore(workers, { jitter: 0.5, shard: '1/2' })).rejects.toThrow(
      new OptionError('`jitter` (--jitter) cannot be split over workers or shards yet; run it in one piece'),
    );
  });
});
