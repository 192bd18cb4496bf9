/**
 * The `timing` finding: an order held in every execution only by sleep
 * lengths — the seed's `time.Sleep(3 * time.Second)` — and the `ordering`
 * finding naming the lines no synchronization orders.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import workers from '../../../scenarios/workers.js';
import workersWaitGroup from '../../../scenarios/workers-waitgroup.js';
import workersOrdered from '../../../scenarios/workers-ordered.js';

const UNORDERED =
  '4 distinct outcomes: the result depends on the order in which tasks run; these lines come in either order ' +
  'and no synchronization orders them: "Pam: doing my work..." and "Jim: doing my work..."; "Pam: done" and "Jim: done"';

describe.each(['exhaustive', 'dpor'] as const)('the seed scenarios (%s)', (strategy) => {
  it('workers.ts: ordering, and timing for main’s last line after the workers’ "done" lines', async () => {
    const r = await explore(workers, { strategy });
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering', 'timing']);
    expect(r.findings[0]!.message).toBe(UNORDERED);
    const t = r.findings[1]!;
    expect(t.message).toBe(
      'main\'s print "all work was done in 3 seconds" (scenarios/workers.ts:27, at 3000 ms) came after the prints ' +
        'of Pam and Jim at scenarios/workers.ts:22 ("Pam: done", at 2000 ms) in every execution only because of ' +
        'sleep lengths, not because anything synchronizes them; if main must come after Pam and Jim, wait for ' +
        'them with a WaitGroup, a channel or join',
    );
    expect(t.events!.map((e) => [e.task, e.op, e.time])).toEqual([
      ['Pam', 'print "Pam: done"', 2000],
      ['main', 'print "all work was done in 3 seconds"', 3000],
    ]);
    // The schedule shows both events at the steps named.
    const replay = await import('../../../src/api.js').then((m) => m.replay(workers, { schedule: t.schedule! }));
    expect(t.events!.map((e) => replay.trace![e.step - 1]!.op)).toEqual(t.events!.map((e) => e.op));
  });

  it('workers-waitgroup.ts: the same ordering, no timing', async () => {
    const r = await explore(workersWaitGroup, { strategy });
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering']);
    expect(r.findings[0]!.message).toBe(UNORDERED);
  });

  it('workers-ordered.ts: no finding', async () => {
    expect((await explore(workersOrdered, { strategy })).findings).toEqual([]);
  });
});

describe('timing', () => {
  it('an order that varies at one instant is not timing', async () => {
    const s: Scenario = {
      name: 'same-instant',
      async main({ go, sleep, print }) {
        go(async () => {
          await sleep(100);
          await print('a');
        }, 'A');
        await sleep(100);
        await print('b');
        await sleep(100);
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.output.join('')).sort()).toEqual(['ab', 'ba']);
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering']);
  });

  it('an event at time 0, before any sleep, is not ordered by a sleep', async () => {
    const s: Scenario = {
      name: 'first-then-sleep',
      async main({ go, sleep, print }) {
        const t = go(() => print('early'), 'A');
        await sleep(100);
        await print('late');
        await t.join();
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).findings).toEqual([]);
  });

  it('a write kept before a read by sleeps is a race and timing', async () => {
    const s: Scenario = {
      name: 'slept-apart',
      async main({ go, sleep, shared }) {
        const x = shared('x', 0);
        go(async () => {
          await sleep(10);
          await x.set(1);
        }, 'writer');
        await sleep(20);
        return x.get();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.findings.map((f) => f.kind)).toEqual(['race', 'timing']);
    expect(r.findings[1]!.message).toMatch(/^main's get `get x` \(.*, at 20 ms\) came after writer's set `set x = 1` \(.*, at 10 ms\) in every execution only because of sleep lengths/);
  });
});
