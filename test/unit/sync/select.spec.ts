/**
 * select follows Go's: each ready case is a move of its own (and each partner
 * it may meet), a default is taken only when no case is ready, a pending
 * select waits on every case's channel and a partner completes exactly one
 * case, close wakes a blocked select, a send case on a closed channel panics.
 * Every test explores every schedule.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  decodeSchedule,
  encodeSchedule,
  explore,
  replay,
  type Scenario,
  type SelectDefault,
  type SelectRecv,
  type SelectSend,
} from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

describe('select: which case', () => {
  it('picks each ready case in some schedule: each is a move of its own', async () => {
    const s: Scenario = {
      name: 'two-ready',
      async main({ channel, select }) {
        const a = channel<string>(1, 'a');
        const b = channel<string>(1, 'b');
        await a.send('x');
        await b.send('y');
        const r = await select([a, b.recvCase()]);
        return [r.index, r.value, r.ok];
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([
      [0, 'x', true],
      [1, 'y', true],
    ]);
    // main alone, at one choice point with two moves: alternatives 0 and 1.
    expect(r.outcomes.map((o) => o.schedule).sort()).toEqual(['0', '0:1:']);
    expect(await traceOf(s, '0:1:')).toEqual([
      'main: send a <- "x"',
      'main: send b <- "y"',
      'main: select [recv a, recv b] → recv b',
    ]);
  });

  it('a send case and a receive case, both ready, are both taken in some schedule; the other stays as it was', async () => {
    const s: Scenario = {
      name: 'send-or-recv',
      async main({ channel, select }) {
        const inbox = channel<number>(1, 'in');
        const outbox = channel<number>(1, 'out');
        await inbox.send(7);
        const r = await select([inbox.recvCase(), outbox.sendCase(8)]);
        return [r.index, r.value ?? null, inbox.length, outbox.length];
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      [0, 7, 0, 0],
      [1, null, 1, 1],
    ]);
  });

  it('with several senders waiting, which one the select meets is a choice too (case × partner)', async () => {
    const s: Scenario = {
      name: 'select-partners',
      async main({ go, channel, select, sleep }) {
        const ch = channel<string>(0, 'ch');
        go(() => ch.send('a'), 'S1');
        go(() => ch.send('b'), 'S2');
        await sleep(1); // S1 and S2 are blocked by now
        const r = await select([ch]);
        return r.value;
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual(['a', 'b']);
    const fromS2 = r.outcomes.find((o) => o.value === 'b' && o.unfinished.length === 2)!;
    expect(fromS2.schedule).toContain('0:1:');
    expect((await traceOf(s, fromS2.schedule))[1]).toBe('main: select [recv ch] → recv ch (from S2)');
  });

  it('a nil case (null) is never ready; the index counts it', async () => {
    const s: Scenario = {
      name: 'nil-case',
      async main({ channel, select }) {
        const ch = channel<number>(1);
        await ch.send(3);
        const r = await select([null, ch]);
        return [r.index, r.value];
      },
    };
    expect(values(await exploreAll(s))).toEqual([[1, 3]]);
  });
});

describe('select: types', () => {
  it('the result is typed per case: the index says which, and narrows the value', async () => {
    const s: Scenario = {
      name: 'typed',
      async main({ channel, select, after }) {
        const nums = channel<number>(1, 'nums');
        const strs = channel<string>(1, 'strs');
        const out = channel<boolean>(1, 'out');
        await strs.send('s');
        const r = await select([nums, strs.recvCase(), out.sendCase(true), after(5), null]);
        expectTypeOf(r).toEqualTypeOf<
          SelectRecv<number, 0> | SelectRecv<string, 1> | SelectSend<2> | SelectRecv<number, 3>
        >();
        if (r.index === 1 && r.ok) expectTypeOf(r.value).toEqualTypeOf<string>();
        const d = await select([nums], { default: true });
        expectTypeOf(d).toEqualTypeOf<SelectRecv<number, 0> | SelectDefault>();
        // Cases built at run time: any index, the union of the values.
        const dyn = await select([nums.recvCase(), strs.recvCase()].slice(), { default: true });
        expectTypeOf(dyn.index).toEqualTypeOf<number>();
        expectTypeOf(dyn.value).toEqualTypeOf<number | string | undefined>();
        return [r.index, r.value ?? null, d.index, dyn.index];
      },
    };
    // strs holds a value and out has room; nums is empty and the timer is not due.
    expect(values(await exploreAll(s))).toEqual([
      [1, 's', -1, -1], // strs's value taken: nothing ready for the last select
      [2, null, -1, 1], // strs's value still there
    ]);
  });
});

describe('select with a default', () => {
  it('takes the default when nothing is ready, in every schedule, and never blocks', async () => {
    const s: Scenario = {
      name: 'default-only',
      async main({ go, channel, select, print }) {
        const ch = channel<number>(0, 'ch');
        const other = go(() => print('other'), 'O');
        const r = await select([ch, ch.sendCase(1)], { default: true });
        await other.join();
        return r.index;
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.result, o.value])).toEqual([['ok', -1]]);
    expect(r.executions).toBe(2); // main's select before or after O's print
    expect((await traceOf(s, '0'))[0]).toBe('main: select [recv ch, send ch <- 1, default] → default');
  });

  it('never takes the default while a case is ready: a sender already waiting is always met', async () => {
    const s: Scenario = {
      name: 'default-not-taken',
      async main({ go, channel, select }) {
        const ch = channel<number>();
        go(() => ch.send(1), 'S'); // S waits at its send from the start
        const r = await select([ch], { default: true });
        return [r.index, r.value];
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([[0, 1]]);
  });

  it('takes the default or the case depending on whether the sender has arrived', async () => {
    const race: Scenario = {
      name: 'default-race',
      async main({ go, channel, select, print }) {
        const ch = channel<number>(0, 'ch');
        go(async () => {
          await print('S ready');
          await ch.send(1);
        }, 'S');
        const r = await select([ch], { default: true });
        return r.index === 0 ? `got ${r.value}` : 'default';
      },
    };
    const r = await exploreAll(race);
    expect(r.outcomes.map((o) => [o.value, o.output, o.unfinished]).sort()).toEqual([
      ['default', [], ['S']], // the select before S's print: S, not at its send yet, is never met
      ['got 1', ['S ready'], ['S']], // after it: S waits at its send (code between awaits is atomic), and is met
    ]);
  });

  it('a select with a default does not wait as a partner: a later sender finds no receiver', async () => {
    const s: Scenario = {
      name: 'default-not-queued',
      async main({ go, channel, select, sleep }) {
        const ch = channel<number>(0, 'ch');
        go(async () => {
          await sleep(1);
          await ch.send(1);
        }, 'S');
        const r = await select([ch], { default: true });
        await sleep(2);
        return r.index;
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.result, o.value, o.unfinished])).toEqual([['ok', -1, ['S']]]);
  });

  it('select([], { default: true }) takes the default; select([]) blocks forever', async () => {
    const withDefault: Scenario = {
      name: 'empty-default',
      async main({ select }) {
        return (await select([], { default: true })).index;
      },
    };
    expect(values(await exploreAll(withDefault))).toEqual([-1]);
    const forever: Scenario = {
      name: 'empty',
      async main({ select }) {
        await select([]);
      },
    };
    const o = (await exploreAll(forever)).outcomes;
    expect(o.map((x) => [x.result, x.deadlock])).toEqual([['deadlock', ['main waits: select with no cases (blocks forever)']]]);
  });
});

describe('a pending select waits on every channel', () => {
  it('a sender completes exactly one case: the other is withdrawn at once, and its sender stays blocked', async () => {
    const s: Scenario = {
      name: 'one-case',
      async main({ go, channel, select, sleep }) {
        const log: string[] = [];
        const a = channel<string>(0, 'a');
        const b = channel<string>(0, 'b');
        for (const [name, ch, v] of [
          ['SA', a, 'x'],
          ['SB', b, 'y'],
        ] as const) {
          go(async () => {
            await sleep(1); // main is in its select by then
            await ch.send(v);
            log.push(`${name} sent`);
          }, name);
        }
        const r = await select([a, b]);
        log.push(`main got ${r.value} from case ${r.index}`);
        await sleep(5); // time enough for the other sender, if anything could meet it
        return log;
      },
    };
    const r = await exploreAll(s);
    // Whichever sender comes first completes the select (and resumes before or after main); the other never sends.
    expect(r.outcomes.map((o) => [o.value, o.unfinished]).sort()).toEqual([
      [['SA sent', 'main got x from case 0'], ['SB']],
      [['SB sent', 'main got y from case 1'], ['SA']],
      [['main got x from case 0', 'SA sent'], ['SB']],
      [['main got y from case 1', 'SB sent'], ['SA']],
    ]);
    const viaA = r.outcomes.find((o) => (o.value as string[])[0] === 'SA sent')!;
    const trace = await traceOf(s, viaA.schedule);
    expect(trace).toContain('SA: send a <- "x"');
    expect(trace).toContain('main: select [recv a, recv b] → recv a (got "x")');
    expect(trace).toContain('SB: sleep 1ms (until 1ms)');
    expect(trace.filter((t) => t.startsWith('SB: send'))).toEqual([]);
    // And SB, blocked, says why at the end of a waitForTasks run: nobody receives on b.
    const waited = await replay(s, { schedule: viaA.schedule, waitForTasks: true });
    expect(waited.deadlock).toEqual(['SB waits: send b <- "y" (no receiver)']);
  });

  it('a receiver completes a select’s send case', async () => {
    const s: Scenario = {
      name: 'send-case-met',
      async main({ go, channel, select, sleep }) {
        const out = channel<number>(0, 'out');
        const never = channel<number>(0, 'never');
        const r = go(() => out.recv(), 'R');
        await sleep(1);
        const got = await select([never, out.sendCase(42)]);
        return [got.index, got.ok, await r.join()];
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([[1, true, 42]]);
    // At 1 ms both sides can take the hand-off: main's select meets R, or R's receive meets main's case.
    expect(r.executions).toBe(2);
    const rFirst = await traceOf(s, '1');
    expect(rFirst[1]).toBe('R: recv out');
    expect(rFirst[2]).toBe('main: select [recv never, send out <- 42] → send out <- 42 (delivered)');
  });

  it('two selects meet each other', async () => {
    const s: Scenario = {
      name: 'select-meets-select',
      async main({ go, channel, select }) {
        const ch = channel<string>(0, 'ch');
        const quit = channel<string>(0, 'quit');
        const t = go(async () => (await select([quit, ch.sendCase('hi')])).index, 'T');
        const r = await select([ch, quit]);
        return [r.index, r.value, await t.join()];
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([[0, 'hi', 1]]);
    // Either select's step takes the hand-off; the other resumes with it.
    const [mainFirst, tFirst] = await Promise.all([traceOf(s, '0'), traceOf(s, '1')]);
    expect(mainFirst.slice(0, 2)).toEqual([
      'main: select [recv ch, recv quit] → recv ch',
      'T: select [recv quit, send ch <- "hi"] → send ch <- "hi" (delivered)',
    ]);
    expect(tFirst.slice(0, 2)).toEqual([
      'T: select [recv quit, send ch <- "hi"] → send ch <- "hi"',
      'main: select [recv ch, recv quit] → recv ch (got "hi")',
    ]);
  });

  it('a select never meets itself: send and receive on one unbuffered channel deadlock', async () => {
    const s: Scenario = {
      name: 'self',
      async main({ channel, select }) {
        const ch = channel<number>(0, 'ch');
        await select([ch, ch.sendCase(1)]);
      },
    };
    expect((await exploreAll(s)).outcomes.map((o) => o.deadlock)).toEqual([
      ['main waits: select [recv ch, send ch <- 1] (blocked)'],
    ]);
  });

  it('two cases on one channel: a sender may complete either', async () => {
    const s: Scenario = {
      name: 'same-channel-twice',
      async main({ go, channel, select, sleep }) {
        const ch = channel<number>(0, 'ch');
        go(async () => {
          await sleep(1);
          await ch.send(5);
        }, 'S');
        return (await select([ch, ch.recvCase()])).index;
      },
    };
    expect(values(await exploreAll(s))).toEqual([0, 1]);
  });

  it('a value sent into a buffer while a select waits goes to the select: nobody overtakes it', async () => {
    const s: Scenario = {
      name: 'buffered-to-select',
      async main({ go, channel, select, sleep }) {
        const ch = channel<string>(1, 'ch');
        const other = channel<string>(1, 'other');
        const sel = go(async () => (await select([other, ch])).value, 'W');
        await sleep(1); // W waits
        await ch.send('v');
        go(() => ch.recv(), 'late'); // the buffer is empty: 'v' went to W
        return sel.join();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.value, o.unfinished])).toEqual([['v', ['late']]]);
  });
});

describe('select and close', () => {
  it('close wakes a blocked select’s receive case with ok = false', async () => {
    const s: Scenario = {
      name: 'close-wakes',
      async main({ go, channel, select, sleep }) {
        const a = channel<number>(0, 'a');
        const b = channel<number>(0, 'b');
        go(async () => {
          await sleep(1);
          await a.close();
        }, 'C');
        const r = await select([b, a]);
        return [r.index, r.value ?? null, r.ok];
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([[1, null, false]]);
    expect(await traceOf(s, r.outcomes[0]!.schedule)).toEqual([
      'C: sleep 1ms (until 1ms)',
      'C: close a',
      'main: select [recv b, recv a] → recv a (closed)',
    ]);
  });

  it('a select woken by a close is complete: a sender arriving afterwards on its other channel finds no receiver', async () => {
    const s: Scenario = {
      name: 'close-commits',
      async main({ go, channel, select, sleep }) {
        const a = channel<number>(0, 'a');
        const b = channel<number>(0, 'b');
        go(async () => {
          await sleep(1);
          await a.close();
          await b.send(9); // main's select is already done with a
        }, 'C');
        const r = await select([a, b]);
        await sleep(5);
        return [r.index, r.ok];
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.value, o.unfinished])).toEqual([[[0, false], ['C']]]);
  });

  it('a select that has a ready case when a channel closes chooses at its own step: the closed case or the other', async () => {
    const s: Scenario = {
      name: 'close-not-blocked',
      async main({ go, channel, select }) {
        const a = channel<number>(0, 'a');
        const b = channel<number>(1, 'b');
        await b.send(2); // b is ready from the start
        go(() => a.close(), 'C');
        const r = await select([a, b]);
        return [r.index, r.value ?? null, r.ok];
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      [0, null, false], // after the close
      [1, 2, true], // before or after it
    ]);
  });

  it('a send case on a closed channel panics when taken, at the user’s line, default or not', async () => {
    for (const dflt of [false, true]) {
      const s: Scenario = {
        name: `send-closed-${dflt}`,
        async main({ go, channel, select }) {
          const ch = channel<number>(1, 'ch');
          await ch.close();
          await go(async () => {
            await select([ch.sendCase(1)], { default: dflt }); // site:select-send-closed
          }, 'S').join();
        },
      };
      const r = await exploreAll(s);
      expect(r.outcomes.map((o) => [o.result, o.panic])).toEqual([
        [
          'panic',
          { kind: 'exception', task: 'S', message: 'send on closed channel', site: site('site:select-send-closed') },
        ],
      ]);
    }
  });

  it('a close wakes a select blocked on a send case: it panics', async () => {
    const s: Scenario = {
      name: 'close-wakes-sender',
      async main({ go, channel, select, sleep }) {
        const ch = channel<number>(0, 'ch');
        const quit = channel<number>(0, 'quit');
        go(async () => {
          await sleep(1);
          await ch.close();
        }, 'C');
        await select([quit, ch.sendCase(1)]); // site:select-woken-send
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => o.panic)).toEqual([
      { kind: 'exception', task: 'main', message: 'send on closed channel', site: site('site:select-woken-send') },
    ]);
  });
});

describe('select: reports and misuse', () => {
  it('a deadlock report names the select and its cases', async () => {
    const s: Scenario = {
      name: 'select-deadlock',
      async main({ go, channel, select }) {
        const jobs = channel<number>(0, 'jobs');
        const results = channel<number>(0, 'results');
        const quit = channel<number>(1, 'quit');
        await quit.send(0); // full: a send case on it is not ready
        go(() => select([jobs, null]), 'W');
        await select([results, quit.sendCase(1)]);
      },
    };
    expect((await exploreAll(s)).outcomes.map((o) => o.deadlock)).toEqual([
      [
        'main waits: select [recv results, send quit <- 1] (blocked)',
        'W waits: select [recv jobs, nil] (blocked)',
      ],
    ]);
  });

  it.each([
    { cases: 'not-an-array', message: 'TypeError: select expects an array of cases, got "not-an-array"' },
    {
      cases: [{ kind: 'recv' }],
      message:
        'TypeError: select expects each case to be ch.recvCase(), ch.sendCase(value), a channel to receive from, or null; case 0 is {"kind":"recv"}',
    },
    {
      cases: [undefined],
      message:
        'TypeError: select expects each case to be ch.recvCase(), ch.sendCase(value), a channel to receive from, or null; case 0 is undefined',
    },
  ])('bad cases are a TypeError panic in the calling task: $message', async ({ cases, message }) => {
    const s: Scenario = {
      name: 'bad-select',
      async main({ select }) {
        await select(cases as never); // site:bad-select
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.panic).toEqual({
      kind: 'exception',
      task: 'main',
      message,
      site: site('site:bad-select'),
    });
  });

  it('a send case on a timer’s channel, or a bad default, is a TypeError panic', async () => {
    const s: Scenario = {
      name: 'bad-select-2',
      async main({ after, select }) {
        const t = after(5);
        await select([{ kind: 'send', channel: t, value: 1 } as never]);
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.panic!.message).toBe(
      'TypeError: select case 0 sends on after#1, which is receive-only',
    );
    const d: Scenario = {
      name: 'bad-default',
      async main({ select }) {
        await select([], { default: 'yes' } as never);
      },
    };
    expect((await exploreAll(d)).outcomes[0]!.panic!.message).toBe(
      'TypeError: select expects `default` to be true or false, got "yes"',
    );
  });
});

describe('select: replay', () => {
  it('schedules with select alternatives replay byte for byte', async () => {
    const s: Scenario = {
      name: 'replay-select',
      async main({ go, channel, select, print, sleep }) {
        const a = channel<number>(0, 'a');
        const b = channel<number>(1, 'b');
        go(() => a.send(1), 'S1');
        go(() => a.send(2), 'S2');
        go(() => b.send(3), 'S3');
        await sleep(1);
        for (let i = 0; i < 2; i++) {
          const r = await select([a, b]);
          await print(`case ${r.index}: ${r.value}`);
        }
      },
    };
    const r = await explore(s, { strategy: 'exhaustive' });
    expect(r.complete).toBe(true);
    const schedules = r.outcomes.map((o) => o.schedule);
    expect(schedules.some((x) => /:\d+:/.test(x))).toBe(true);
    for (const o of r.outcomes) {
      expect(encodeSchedule(decodeSchedule(o.schedule))).toBe(o.schedule);
      const one = await replay(s, { schedule: o.schedule });
      const two = await replay(s, { schedule: o.schedule });
      expect(JSON.stringify(one.trace)).toBe(JSON.stringify(two.trace));
      expect(one.output).toEqual(o.output);
      expect(one.schedule).toBe(o.schedule);
    }
    expect([...new Set(outputs(r))]).toEqual([
      'case 0: 1 | case 0: 2',
      'case 0: 1 | case 1: 3',
      'case 0: 2 | case 0: 1',
      'case 0: 2 | case 1: 3',
      'case 1: 3 | case 0: 1',
      'case 1: 3 | case 0: 2',
    ]);
  });
});

describe('select: properties', () => {
  /** A channel's state before a one-shot select: its capacity, values in its buffer, closed or not. */
  const chanState = fc
    .record({ capacity: fc.integer({ min: 0, max: 2 }), fill: fc.integer({ min: 0, max: 2 }), closed: fc.boolean() })
    .map((c) => ({ ...c, fill: Math.min(c.fill, c.capacity) }));
  const caseArb = fc.record({ chan: fc.integer({ min: 0, max: 2 }), send: fc.boolean() });

  it('a lone select takes exactly the cases Go says are ready (or the default, or blocks)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(chanState, { minLength: 3, maxLength: 3 }),
        fc.array(caseArb, { minLength: 0, maxLength: 3 }),
        fc.boolean(),
        async (chans, cases, dflt) => {
          const s: Scenario = {
            name: 'oracle',
            async main({ channel, select }) {
              const chs = chans.map((c, i) => channel<string>(c.capacity, `c${i}`));
              for (const [i, c] of chans.entries()) {
                for (let k = 0; k < c.fill; k++) await chs[i]!.send(`v${i}.${k}`);
                if (c.closed) await chs[i]!.close();
              }
              const r = await select(
                cases.map((c) => (c.send ? chs[c.chan]!.sendCase('new') : chs[c.chan]!.recvCase())),
                { default: dflt },
              );
              return [r.index, r.value ?? null, r.ok];
            },
          };
          const r = await explore(s, { strategy: 'exhaustive' });
          const got = r.outcomes.map((o) => (o.result === 'ok' ? JSON.stringify(o.value) : o.result)).sort();
          // Go's readiness: a receive is ready with a value in the buffer or
          // once closed; a send with room in the buffer, or once closed (and
          // then it panics). Nobody else is there to meet.
          const expected = new Set<string>();
          cases.forEach((c, i) => {
            const ch = chans[c.chan]!;
            if (c.send) {
              if (ch.closed) expected.add('panic');
              else if (ch.fill < ch.capacity) expected.add(JSON.stringify([i, null, true]));
            } else if (ch.fill > 0) expected.add(JSON.stringify([i, `v${c.chan}.0`, true]));
            else if (ch.closed) expected.add(JSON.stringify([i, null, false]));
          });
          if (expected.size === 0) expected.add(dflt ? JSON.stringify([-1, null, false]) : 'deadlock');
          expect(got).toEqual([...expected].sort());
          expect(r.complete).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every value sent is received exactly once, on a channel its sender offered, in every schedule', async () => {
    const program = fc.record({
      // Per sender: which of the channels a and b it offers its value on (a select over both, or one).
      senders: fc.array(fc.constantFrom('a', 'b', 'ab'), { minLength: 1, maxLength: 3 }),
      receivers: fc.integer({ min: 1, max: 2 }),
      buffered: fc.boolean(),
    }).filter((p) => p.senders.length + p.receivers <= 4); // beyond that, tens of thousands of executions
    await fc.assert(
      fc.asyncProperty(program, async (p) => {
        const total = p.senders.length;
        const s: Scenario = {
          name: 'conservation',
          async main({ go, channel, select }) {
            const chans = { a: channel<string>(p.buffered ? 1 : 0, 'a'), b: channel<string>(p.buffered ? 1 : 0, 'b') };
            p.senders.forEach((offer, i) => {
              go(async () => {
                const v = `v${i}`;
                if (offer === 'ab') await select([chans.a.sendCase(v), chans.b.sendCase(v)]);
                else await chans[offer].send(v);
              }, `S${i}`);
            });
            const share = (r: number) => Math.floor(total / p.receivers) + (r < total % p.receivers ? 1 : 0);
            const rs = Array.from({ length: p.receivers }, (_, r) =>
              go(async () => {
                const got: string[] = [];
                for (let k = 0; k < share(r); k++) {
                  const x = await select([chans.a, chans.b]);
                  got.push(`${x.value}@${x.index === 0 ? 'a' : 'b'}`);
                }
                return got;
              }, `R${r}`),
            );
            const all: string[] = [];
            for (const r of rs) all.push(...(await r.join()));
            return all.sort();
          },
        };
        const r = await explore(s, { strategy: 'exhaustive' });
        expect(r.complete).toBe(true);
        for (const o of r.outcomes) {
          expect(o.result).toBe('ok');
          const got = o.value as string[];
          expect(got.map((x) => x.split('@')[0]).sort()).toEqual(p.senders.map((_, i) => `v${i}`).sort());
          for (const x of got) {
            const [v, ch] = x.split('@') as [string, 'a' | 'b'];
            expect(p.senders[Number(v.slice(1))]).toContain(ch);
          }
        }
        // A sender offering both channels is received on each in some schedule.
        p.senders.forEach((offer, i) => {
          if (offer !== 'ab') return;
          const seen = new Set(r.outcomes.flatMap((o) => (o.value as string[]).filter((x) => x.startsWith(`v${i}@`))));
          expect(seen).toEqual(new Set([`v${i}@a`, `v${i}@b`]));
        });
      }),
      { numRuns: 20 },
    );
  });

  it('a one-case select behaves exactly like the plain operation: same outcomes, same number of executions', async () => {
    const program = fc.record({
      capacity: fc.integer({ min: 0, max: 2 }),
      // At most 3 values in all: the plain run alone is thousands of executions beyond that.
      senders: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 2 }).filter((ns) => ns[0]! + (ns[1] ?? 0) <= 3),
      selectSend: fc.boolean(),
      selectRecv: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(program, async (p) => {
        const make = (viaSelect: boolean): Scenario => ({
          name: `one-case-${viaSelect}`,
          async main({ go, channel, select, waitGroup, print }) {
            const ch = channel<string>(p.capacity, 'ch');
            const wg = waitGroup();
            wg.add(p.senders.length);
            p.senders.forEach((n, i) => {
              go(async () => {
                for (let k = 0; k < n; k++) {
                  if (viaSelect && p.selectSend) await select([ch.sendCase(`s${i}.${k}`)]);
                  else await ch.send(`s${i}.${k}`);
                }
                wg.done();
              }, `S${i}`);
            });
            go(async () => {
              await wg.wait();
              await ch.close();
            }, 'closer');
            for (;;) {
              let v: string | undefined;
              let ok: boolean;
              if (viaSelect && p.selectRecv) ({ value: v, ok } = await select([ch]));
              else [v, ok] = await ch.recvOk();
              if (!ok) break;
              await print(v);
            }
          },
        });
        const plain = await explore(make(false), { strategy: 'exhaustive' });
        const viaSelect = await explore(make(true), { strategy: 'exhaustive' });
        expect(outputs(viaSelect)).toEqual(outputs(plain));
        expect(viaSelect.executions).toBe(plain.executions);
      }),
      { numRuns: 20 },
    );
  });
});

describe('select: happens-before', () => {
  /** W writes x, then does `sync`; main selects over `cases` and reads x. */
  const handoff = (name: string, sync: 'send' | 'close' | 'none'): Scenario => ({
    name,
    async main({ go, shared, channel, select, after }) {
      const x = shared('x', 0);
      const ch = channel<boolean>(0, 'ch');
      const quit = channel<boolean>(0, 'quit');
      const w = go(async () => {
        await x.set(1);
        if (sync === 'send') await ch.send(true);
        if (sync === 'close') await ch.close();
      }, 'W');
      await select(sync === 'none' ? [quit, after(10)] : [quit, ch]);
      const v = await x.get();
      await w.join();
      return v;
    },
  });

  it('a case that receives a send or sees a close orders the sender’s past before the select: no race', async () => {
    for (const sync of ['send', 'close'] as const) {
      const r = await exploreAll(handoff(`select-${sync}`, sync));
      expect(values(r)).toEqual([1]);
      expect(r.findings.filter((f) => f.kind === 'race')).toEqual([]);
    }
  });

  it('a send case orders the selecting task’s past before the receiver’s future: no race', async () => {
    const s: Scenario = {
      name: 'select-send-hb',
      async main({ go, shared, channel, select }) {
        const x = shared('x', 0);
        const ch = channel<number>(0, 'ch');
        const quit = channel<number>(0, 'quit');
        const r = go(async () => {
          await ch.recv();
          return x.get();
        }, 'R');
        await x.set(1);
        await select([quit, ch.sendCase(1)]);
        return r.join();
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([1]);
    expect(r.findings.filter((f) => f.kind === 'race')).toEqual([]);
  });

  it('a timeout is virtual time, not synchronization: the same read after `after` races with the write', async () => {
    const r = await exploreAll(handoff('select-timeout-race', 'none'));
    expect(values(r)).toEqual([1]); // the write always comes first, but only because of the clock
    const races = r.findings.filter((f) => f.kind === 'race');
    expect(races).toHaveLength(1);
    expect(races[0]!.message).toMatch(/^data race on "x": W writes it \(.*\) and main reads it \(.*\) with nothing ordering the two/);
  });
});
