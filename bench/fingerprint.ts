/**
 * Semantic fingerprint of the runtime, for checking that a speed-up changed
 * nothing: explores a set of scenarios covering every primitive and every
 * kind of result, and prints each exploration (outcomes, counts, first
 * schedules and seeds, findings, step counts) and some replay traces as JSON,
 * without the timings.
 *
 *   npx tsx bench/fingerprint.ts > before.json
 *   ... change the runtime ...
 *   npx tsx bench/fingerprint.ts | diff before.json -
 */
import { explore, replay, type Scenario } from '../src/index.js';
import workers from '../scenarios/workers.js';
import { prints3x3 } from './scenarios.js';

const scenarios: Scenario[] = [
  workers,
  prints3x3,
  {
    name: 'lost-update',
    async main({ go, shared, waitGroup, assert }) {
      const x = shared('x', 0);
      const wg = waitGroup();
      for (let i = 0; i < 3; i++) {
        wg.add(1);
        go(async () => {
          const v = await x.get();
          await x.set(v + 1);
          wg.done();
        });
      }
      await wg.wait();
      const v = await x.get();
      assert(v === 3, `x is ${v}`);
      return v;
    },
  },
  {
    name: 'join-yield-update',
    async main({ go, shared, yield: yieldNow, sleep, print, self, now }) {
      const c = shared('c', 1);
      const a = go(async () => {
        await yieldNow();
        await sleep(0);
        return c.update((v) => v * 2);
      });
      const b = go(async () => {
        await sleep(5);
        await c.update((v) => v + 3);
        return self().name;
      }, 'bee');
      const ra = await a.join();
      const rb = await b.join();
      await print('joined', ra, rb, now(), { nested: [1, 2] });
      return { ra, rb, t: now() };
    },
  },
  {
    name: 'timers',
    async main({ go, sleep, print, now }) {
      for (const [n, ms] of [
        ['a', 10],
        ['b', 10],
        ['c', 5],
      ] as const) {
        go(async () => {
          await sleep(ms);
          await print(`${n} at ${now()}`);
          await sleep(ms);
          await print(`${n} again at ${now()}`);
        }, n);
      }
      await sleep(15);
      await print(`main at ${now()}`);
    },
  },
  {
    name: 'deadlock',
    async main({ go, waitGroup, print }) {
      const wg = waitGroup('never');
      wg.add(2);
      go(async () => {
        await print('one');
        wg.done();
      });
      await wg.wait();
    },
  },
  {
    name: 'panic',
    async main({ go, print, yield: yieldNow }) {
      go(async () => {
        await yieldNow();
        throw new Error('boom');
      }, 'thrower');
      await print('main 1');
      await print('main 2');
      return 'ok';
    },
  },
  {
    name: 'missing-await',
    async main({ print }) {
      void print('a');
      await print('b');
    },
  },
  {
    name: 'uncontrolled-await',
    async main({ print }) {
      await print('before');
      await new Promise((r) => setTimeout(r, 200));
      await print('after');
    },
  },
  {
    // The stall report names the last operation as it was when it took effect.
    name: 'stall-after-wait',
    async main({ go, waitGroup, print }) {
      const wg = waitGroup();
      wg.add(1);
      go(async () => {
        await wg.wait();
        wg.add(3);
        await new Promise((r) => setTimeout(r, 200));
      }, 'waiter');
      go(async () => {
        wg.done();
        wg.add(5);
        await print('a');
      }, 'doner');
      await print('m');
    },
  },
  {
    name: 'step-limit',
    options: { maxSteps: 50 },
    async main({ go, yield: yieldNow }) {
      go(async () => {
        for (;;) await yieldNow();
      }, 'spinner');
      for (;;) await yieldNow();
    },
  },
  {
    name: 'unfinished-and-wait-for-tasks',
    async main({ go, print, sleep }) {
      go(async () => {
        await sleep(10);
        await print('late');
      }, 'late');
      await print('main');
      return undefined;
    },
  },
  {
    name: 'wg-rearm',
    async main({ go, waitGroup, print }) {
      const wg = waitGroup();
      wg.add(1);
      go(async () => {
        await wg.wait();
        await print('waiter released');
      }, 'waiter');
      go(async () => {
        await print('doner');
        wg.done();
        wg.add(1);
        await print('re-added');
        wg.done();
      }, 'doner');
      await wg.wait();
      await print('main released');
    },
  },
];

const strip = (r: object): object => {
  const copy: Record<string, unknown> = { ...r };
  delete copy.elapsedMs;
  return copy;
};

const results: unknown[] = [];
for (const s of scenarios) {
  results.push(strip(await explore(s, { strategy: 'exhaustive', file: 'f.ts' })));
  results.push(strip(await explore(s, { strategy: 'random', seed: 7, maxExecutions: 300, file: 'f.ts' })));
  if (s.name === 'unfinished-and-wait-for-tasks') {
    results.push(strip(await explore(s, { waitForTasks: true, file: 'f.ts' })));
  }
  const first = (await explore(s, { maxExecutions: 5, file: 'f.ts' })).outcomes.at(-1)!;
  results.push(await replay(s, { schedule: first.schedule, file: 'f.ts' }));
  results.push(await replay(s, { seed: 12345, file: 'f.ts' }));
}
results.push(strip(await explore(workers, { strategy: 'random', seed: 1, maxExecutions: 5000 })));
results.push(strip(await explore(prints3x3, { strategy: 'random', seed: 99, maxExecutions: 5000 })));
for (const r of results) console.log(JSON.stringify(r));
