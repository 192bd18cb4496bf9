/**
 * Findings derived from an exploration's outcomes: ordering (with the swapped
 * lines), unfinished, deadlock, panic, violation, step-limit — exact shapes.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import workers from '../../../scenarios/workers.js';
import { printTasks, siteOf, twoPrinters } from '../support.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);


describe('ordering', () => {
  it('two tasks printing: the swapped pair, and nothing else', async () => {
    const r = await explore(twoPrinters, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.output)).toEqual([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(r.orderingDependent).toBe(true);
    expect(r.findings).toEqual([
      {
        kind: 'ordering',
        message:
          '2 distinct outcomes: the result depends on the order in which tasks run; these lines come in either order and no synchronization orders them: "a" and "b"',
        outcome: 0,
        swapped: [{ first: 'a', second: 'b', synchronized: false }],
      },
    ]);
  });

  it('the seed example: the two "doing" lines and the two "done" lines, not main’s line', async () => {
    const r = await explore(workers, { strategy: 'exhaustive' });
    expect(r.outcomes).toHaveLength(4);
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering', 'timing']);
    expect(r.findings[0]!.swapped).toEqual([
      { first: 'Pam: doing my work...', second: 'Jim: doing my work...', synchronized: false },
      { first: 'Pam: done', second: 'Jim: done', synchronized: false },
    ]);
    expect(r.findings[0]!.message).toBe(
      '4 distinct outcomes: the result depends on the order in which tasks run; these lines come in either order and no synchronization orders them: ' +
        '"Pam: doing my work..." and "Jim: doing my work..."; "Pam: done" and "Jim: done"',
    );
  });

  it('more than three pairs: three shown, the rest counted', async () => {
    const r = await explore(printTasks([2, 2, 2]), { strategy: 'exhaustive' });
    const f = r.findings[0]!;
    expect(f.kind).toBe('ordering');
    expect(f.swapped).toHaveLength(12);
    expect(f.swapped!.slice(0, 3)).toEqual([
      { first: 'A0', second: 'B0', synchronized: false },
      { first: 'A0', second: 'B1', synchronized: false },
      { first: 'A0', second: 'C0', synchronized: false },
    ]);
    expect(f.message).toBe(
      '90 distinct outcomes: the result depends on the order in which tasks run; these lines come in either order and no synchronization orders them: ' +
        '"A0" and "B0"; "A0" and "B1"; "A0" and "C0" and 9 more pairs',
    );
  });

  it('same output, different value: says so, with no pairs', async () => {
    const s: Scenario = {
      name: 'silent-race',
      async main({ go, shared, waitGroup }) {
        const x = shared('x', 'init');
        const wg = waitGroup();
        wg.add(2);
        for (const v of ['A', 'B']) {
          go(async () => {
            await x.set(v); // site:silent-race
            wg.done();
          }, v);
        }
        await wg.wait();
        return x.get();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => o.value)).toEqual(['B', 'A']);
    expect(r.findings).toEqual([
      {
        kind: 'ordering',
        message:
          '2 distinct outcomes: the result depends on the order in which tasks run; the output is the same, but the value or the result differs',
        outcome: 0,
        swapped: [],
      },
      {
        kind: 'race',
        message:
          `data race on "x": A writes it (${site('site:silent-race')}) and B writes it (${site('site:silent-race')}) ` +
          'with nothing ordering the two (no lock, channel, WaitGroup or join between them), so either may come first',
        task: 'B',
        site: site('site:silent-race'),
        events: [
          { task: 'A', op: 'set x = "A"', site: site('site:silent-race'), step: 1, time: 0 },
          { task: 'B', op: 'set x = "B"', site: site('site:silent-race'), step: 2, time: 0 },
        ],
        schedule: '1',
      },
    ]);
  });

  it('long lines are shortened to 60 characters in the message', async () => {
    const long = (c: string) => c.repeat(70);
    const s: Scenario = {
      name: 'long-lines',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        for (const c of ['x', 'y']) {
          go(async () => {
            await print(long(c));
            wg.done();
          }, c);
        }
        await wg.wait();
      },
    };
    const f = (await explore(s, { strategy: 'exhaustive' })).findings[0]!;
    expect(f.message).toBe(
      '2 distinct outcomes: the result depends on the order in which tasks run; these lines come in either order and no synchronization orders them: ' +
        `"${'x'.repeat(57)}..." and "${'y'.repeat(57)}..."`,
    );
    expect(f.swapped).toEqual([{ first: long('x'), second: long('y'), synchronized: false }]);
  });

  it('a single outcome has no finding', async () => {
    const r = await explore(printTasks([3]), { strategy: 'exhaustive' });
    expect(r.orderingDependent).toBe(false);
    expect(r.findings).toEqual([]);
  });
});

describe('unfinished', () => {
  it('main returning before its tasks: one finding naming them', async () => {
    const s: Scenario = {
      name: 'unfinished',
      async main({ go, print, sleep }) {
        go(() => sleep(10), 'slow');
        go(() => sleep(10), 'also-slow');
        await print('main done');
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.findings).toEqual([
      {
        kind: 'unfinished',
        message:
          'main returned while also-slow, slow had not finished; as in Go, the program ends there and their remaining ' +
          'work is lost (wait for them with a WaitGroup or join)',
        outcome: 0,
      },
    ]);
  });

  it('one finding per distinct set of unfinished tasks, each pointing at its first outcome', async () => {
    const s: Scenario = {
      name: 'unfinished-sets',
      async main({ go, print }) {
        go(() => print('a'), 'A');
        await print('m');
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    // main first: A unfinished; A first: nothing unfinished.
    expect(r.outcomes.map((o) => o.unfinished)).toEqual([['A'], []]);
    expect(r.findings.map((f) => [f.kind, f.outcome])).toEqual([
      ['ordering', 0],
      ['unfinished', 0],
    ]);
  });

  it('is not reported for panic, deadlock or step-limit outcomes (they have their own)', async () => {
    const base = (end: 'panic' | 'deadlock' | 'step-limit'): Scenario => ({
      name: `unfinished-${end}`,
      async main({ go, sleep, waitGroup, yield: y }) {
        go(() => sleep(10), 'sleeper');
        if (end === 'panic') throw new Error('x');
        if (end === 'deadlock') {
          const wg = waitGroup();
          wg.add(1);
          go(() => wg.wait(), 'waiter');
          await wg.wait();
        }
        for (;;) await y();
      },
    });
    for (const end of ['panic', 'deadlock', 'step-limit'] as const) {
      const r = await explore(base(end), { strategy: 'exhaustive', maxSteps: 10 });
      expect(r.outcomes.map((o) => o.result)).toEqual([end]);
      expect(r.outcomes[0]!.unfinished.length).toBeGreaterThan(0);
      expect(r.findings.map((f) => f.kind)).toEqual([end === 'panic' ? 'panic' : end]);
    }
  });

  it('is reported alongside a violation', async () => {
    const s: Scenario = {
      name: 'unfinished-violation',
      async main({ go, sleep, assert }) {
        go(() => sleep(1), 'T');
        assert(false, 'nope'); // site:unfinished-violation
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes[0]!.result).toBe('violation');
    expect(r.findings.map((f) => f.kind)).toEqual(['violation', 'unfinished']);
  });
});

describe('deadlock, panic, violation, step-limit findings', () => {
  it('deadlock: what every task waits on', async () => {
    const s: Scenario = {
      name: 'deadlock',
      async main({ go, waitGroup }) {
        const wg = waitGroup('jobs');
        wg.add(2);
        go(async () => {
          wg.done();
          await wg.wait();
        }, 'worker');
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.findings).toEqual([
      {
        kind: 'deadlock',
        message:
          'every task is blocked and no timer is pending: main waits: wait jobs (counter 1); worker waits: wait jobs (counter 1)',
        outcome: 0,
      },
    ]);
  });

  it('panic: task, message and site', async () => {
    const s: Scenario = {
      name: 'panic',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(1);
        go(async () => {
          await print('x');
          throw new RangeError('out of range'); // site:panic-finding
        }, 'worker');
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.findings).toEqual([
      {
        kind: 'panic',
        message: `task worker panicked: RangeError: out of range (${site('site:panic-finding')})`,
        outcome: 0,
        task: 'worker',
        site: site('site:panic-finding'),
      },
    ]);
  });

  it('panic without a site (a thrown string) has no parentheses and no site field', async () => {
    const s: Scenario = {
      name: 'panic-string',
      async main() {
        throw 'bare';
      },
    };
    expect((await explore(s, { strategy: 'exhaustive' })).findings).toEqual([
      { kind: 'panic', message: 'task main panicked: bare', outcome: 0, task: 'main' },
    ]);
  });

  it('violation: once per assertion, even when many outcomes fail it', async () => {
    const s: Scenario = {
      name: 'violations',
      async main({ go, shared, waitGroup, assert }) {
        const n = shared('n', 0);
        const wg = waitGroup();
        wg.add(2);
        for (const t of ['A', 'B']) {
          go(async () => {
            const v = await n.get(); // site:lost-get
            await n.set(v + 1); // site:lost-set
            wg.done();
          }, t);
        }
        await wg.wait();
        const final = await n.get();
        assert(final === 2, `lost update: n = ${final}`); // site:lost-update
        return final;
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.outcomes.map((o) => [o.value, o.result, o.count])).toEqual([
      [1, 'violation', 4],
      [2, 'ok', 2],
    ]);
    expect(r.findings.find((f) => f.kind === 'race')?.message).toBe(
      `data race on "n": A writes it (${site('site:lost-set')}) and B reads it (${site('site:lost-get')}) ` +
        'with nothing ordering the two (no lock, channel, WaitGroup or join between them), so either may come first; ' +
        '2 other pairs of its accesses race too',
    );
    expect(r.findings.filter((f) => f.kind !== 'race')).toEqual([
      {
        kind: 'ordering',
        message:
          '2 distinct outcomes: the result depends on the order in which tasks run; the output is the same, but the value or the result differs',
        outcome: 0,
        swapped: [],
      },
      {
        kind: 'violation',
        message: `assertion failed in task main: lost update: n = 1 (${site('site:lost-update')})`,
        outcome: 0,
        task: 'main',
        site: site('site:lost-update'),
      },
    ]);
  });

  it('step-limit: the limit, the tasks, and the advice; one finding however many outcomes hit it', async () => {
    const s: Scenario = {
      name: 'livelock',
      async main({ go, yield: y }) {
        for (const t of ['A', 'B']) {
          go(async () => {
            for (;;) await y();
          }, t);
        }
        for (;;) await y();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive', maxSteps: 3 });
    expect(r.outcomes.length).toBe(1);
    expect(r.outcomes[0]!.count).toBe(27); // 3 choices among 3 tasks
    expect(r.findings).toEqual([
      {
        kind: 'step-limit',
        message: 'step limit 3 reached; tasks: main at yield, A at yield, B at yield: a livelock, or raise --max-steps',
        outcome: 0,
      },
    ]);
  });

  it('every finding’s outcome index points at an outcome that shows it', async () => {
    const s: Scenario = {
      name: 'mixed',
      async main({ go, shared, assert, waitGroup }) {
        const x = shared('x', 0);
        const wg = waitGroup();
        wg.add(1);
        go(async () => {
          await x.set(1);
          await x.set(2);
          wg.done();
        }, 'W');
        const v = await x.get();
        assert(v !== 1, 'saw 1');
        if (v === 2) throw new Error('saw 2');
        await wg.wait();
        return v;
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering', 'panic', 'race', 'violation']);
    for (const f of r.findings) {
      const o = r.outcomes[f.outcome!]!;
      if (f.kind === 'panic') expect(o.result).toBe('panic');
      if (f.kind === 'violation') expect(o.violations!.map((v) => v.message)).toContain('saw 1');
    }
  });

  it('all kinds together: ordering, then panic, deadlock, step-limit, violation, unfinished', async () => {
    const s: Scenario = {
      name: 'everything',
      async main({ go, shared, waitGroup, assert, yield: y }) {
        const x = shared('x', 0);
        const setters = waitGroup('setters');
        setters.add(4);
        for (const v of [1, 2, 3, 4]) {
          go(async () => {
            await x.set(v);
            setters.done();
          }, `w${v}`);
        }
        const v = await x.get();
        if (v === 1) throw new Error('one');
        if (v === 2) {
          const never = waitGroup('never');
          never.add(1);
          await never.wait();
        }
        if (v === 3) {
          await setters.wait();
          for (;;) await y();
        }
        assert(v !== 4, 'four');
        return v;
      },
    };
    const r = await explore(s, { strategy: 'exhaustive', maxSteps: 20 });
    expect(r.complete).toBe(true);
    const kinds = r.findings.map((f) => f.kind);
    expect([...new Set(kinds)]).toEqual(['ordering', 'panic', 'race', 'deadlock', 'step-limit', 'violation', 'unfinished']);
    expect(kinds.filter((k) => k !== 'unfinished')).toEqual([
      'ordering',
      'panic',
      'race',
      'deadlock',
      'step-limit',
      'violation',
    ]);
  });

  // Findings were listed in outcome order, not by severity, before 570b2e3.
  it('findings come most severe first: a panic before a violation, even from a rarer outcome', async () => {
    const s: Scenario = {
      name: 'severity',
      async main({ go, shared, assert, waitGroup }) {
        const x = shared('x', 0);
        const wg = waitGroup();
        wg.add(1);
        go(async () => {
          await x.set(1);
          wg.done();
        }, 'W');
        go(async () => {
          await x.set(2);
        }, 'V');
        const v = await x.get();
        if (v === 2) throw new Error('rare');
        assert(false, 'always');
        await wg.wait();
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    const kinds = r.findings.map((f) => f.kind).filter((k) => k === 'panic' || k === 'violation');
    expect(kinds).toEqual(['panic', 'violation']);
  });
});
