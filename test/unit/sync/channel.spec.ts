/**
 * channel() follows Go's channels: unbuffered send and receive meet, buffered
 * ones block only when full or empty, close releases receivers with the zero
 * value and makes senders panic.
 */
import { describe, expect, it } from 'vitest';
import { explore, replay, type Scenario } from '../../../src/index.js';
import { siteOf } from '../support.js';
import { exploreAll, outputs, traceOf, values } from './check.js';

const site = (marker: string): string => siteOf(import.meta.url, marker);

/** R prints, receives one value and prints it; main sends 1 and prints. */
const pingOver = (capacity: number): Scenario => ({
  name: `ping-${capacity}`,
  async main({ go, channel, print }) {
    const ch = channel<number>(capacity);
    const r = go(async () => {
      await print('R ready');
      const v = await ch.recv();
      await print(`R got ${v}`);
    }, 'R');
    await ch.send(1);
    await print('S sent');
    await r.join();
  },
});

describe('channel', () => {
  it('an unbuffered send completes only at the rendezvous: never before the receiver is there', async () => {
    const r = await exploreAll(pingOver(0));
    expect(outputs(r)).toEqual(['R ready | R got 1 | S sent', 'R ready | S sent | R got 1']);
  });

  it('a buffered send does not wait for a receiver', async () => {
    const r = await exploreAll(pingOver(1));
    expect(outputs(r)).toEqual([
      'R ready | R got 1 | S sent',
      'R ready | S sent | R got 1',
      'S sent | R ready | R got 1',
    ]);
  });

  it('the step that takes either side completes the hand-off; the partner resumes at a later step', async () => {
    const s: Scenario = {
      name: 'rendezvous-trace',
      async main({ go, channel, sleep }) {
        const ch = channel<string>(0, 'ch');
        const r = go(async () => {
          await sleep(1); // main is waiting to send by then
          return ch.recv();
        }, 'R');
        await ch.send('x');
        return r.join();
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual(['x']);
    // At 1ms both sides are enabled: either may take the hand-off.
    expect(await traceOf(s, '1')).toEqual([
      'R: sleep 1ms (until 1ms)',
      'R: recv ch', // takes the value from the waiting sender ...
      'main: send ch <- "x" (delivered)', // ... whose send is complete: it only resumes
      'main: join R',
    ]);
    expect(await traceOf(s, '0')).toEqual([
      'R: sleep 1ms (until 1ms)',
      'main: send ch <- "x"', // hands the value to the waiting receiver ...
      'R: recv ch (got "x")', // ... which resumes with it
      'main: join R',
    ]);
  });

  it('a buffered send blocks only when the buffer is full', async () => {
    const s: Scenario = {
      name: 'buffered-full',
      async main({ go, channel, print }) {
        const ch = channel<number>(2);
        const p = go(async () => {
          for (let i = 1; i <= 3; i++) {
            await ch.send(i);
            await print(`sent ${i}`);
          }
        }, 'P');
        await print('C start');
        const got = [await ch.recv(), await ch.recv(), await ch.recv()];
        await p.join();
        return got;
      },
    };
    const r = await exploreAll(s);
    expect(values(r)).toEqual([[1, 2, 3]]);
    for (const o of r.outcomes) {
      // The third send needs a receive, which comes after C start.
      expect(o.output.indexOf('sent 3')).toBeGreaterThan(o.output.indexOf('C start'));
    }
    // The first two do not.
    expect(outputs(r)).toContain('sent 1 | sent 2 | C start | sent 3');
  });

  it('a full buffered channel reports its sender as blocked', async () => {
    const s: Scenario = {
      name: 'buffered-deadlock',
      async main({ channel }) {
        const ch = channel<number>(2);
        await ch.send(1);
        await ch.send(2);
        await ch.send(3);
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.deadlock).toEqual(['main waits: send chan#1 <- 3 (full, 2/2)']);
  });

  it('blocked receivers and unbuffered senders say what they wait for', async () => {
    const s: Scenario = {
      name: 'chan-deadlock',
      async main({ go, channel }) {
        const a = channel<number>();
        const b = channel<number>(1);
        const c = channel<string>();
        go(() => a.recv(), 'RA');
        go(() => b.recv(), 'RB');
        await c.send('hi');
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.deadlock).toEqual([
      'main waits: send chan#3 <- "hi" (no receiver)',
      'RA waits: recv chan#1 (no sender)',
      'RB waits: recv chan#2 (empty)',
    ]);
  });

  it('a receive from a full buffer moves the first blocked sender’s value in at once', async () => {
    const s: Scenario = {
      name: 'buffered-move-in',
      async main({ go, channel, sleep }) {
        const ch = channel<string>(1);
        go(async () => {
          await ch.send('a');
          await ch.send('b'); // blocks: the buffer holds 'a'
        }, 'S');
        await sleep(1);
        const v = await ch.recv();
        return [v, ch.length]; // 'b' is in the buffer before S resumes
      },
    };
    expect(values(await exploreAll(s))).toEqual([['a', 1]]);
  });

  it('a closed, drained channel receives undefined, not ok; values sent before the close come first', async () => {
    const s: Scenario = {
      name: 'closed-drained',
      async main({ channel }) {
        const ch = channel<number>(2);
        await ch.send(7);
        await ch.close();
        const first = await ch.recvOk();
        const second = await ch.recvOk();
        const third = await ch.recv();
        return [first, second, third === undefined, ch.length];
      },
    };
    // JSON has no undefined in arrays: [undefined, false] is stored as [null, false].
    expect(values(await exploreAll(s))).toEqual([[[7, true], [null, false], true, 0]]);
  });

  it('receivers blocked on a channel that is closed are released with the zero value', async () => {
    const s: Scenario = {
      name: 'close-releases-receivers',
      async main({ go, channel, sleep }) {
        const ch = channel<number>();
        const rs = ['R1', 'R2'].map((n) => go(() => ch.recvOk(), n));
        await sleep(1);
        await ch.close();
        return [await rs[0]!.join(), await rs[1]!.join()];
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      [
        [null, false],
        [null, false],
      ],
    ]);
  });

  it('a value handed over before the close is still received', async () => {
    const s: Scenario = {
      name: 'handed-then-closed',
      async main({ go, channel }) {
        const ch = channel<number>();
        const r = go(() => ch.recvOk(), 'R');
        await ch.send(5);
        await ch.close();
        return r.join();
      },
    };
    expect(values(await exploreAll(s))).toEqual([[5, true]]);
  });

  it('send on a closed channel panics in the sending task', async () => {
    const s: Scenario = {
      name: 'send-on-closed',
      async main({ go, channel, print }) {
        const ch = channel<number>(1);
        await ch.close();
        await go(async () => {
          await print('sending');
          await ch.send(1); // site:send-closed
        }, 'S').join();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.output, o.panic])).toEqual([
      [
        ['sending'],
        { kind: 'exception', task: 'S', message: 'send on closed channel', site: site('site:send-closed') },
      ],
    ]);
  });

  it('a sender blocked when the channel is closed panics', async () => {
    const s: Scenario = {
      name: 'blocked-sender-closed',
      async main({ go, channel, sleep }) {
        const ch = channel<number>();
        const sender = go(async () => {
          await ch.send(1); // site:blocked-send
        }, 'S');
        await sleep(1); // S is blocked by now
        await ch.close();
        await sender.join();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => o.panic)).toEqual([
      { kind: 'exception', task: 'S', message: 'send on closed channel', site: site('site:blocked-send') },
    ]);
  });

  it('close of a closed channel panics in the closing task', async () => {
    const s: Scenario = {
      name: 'close-closed',
      async main({ go, channel }) {
        const ch = channel<number>();
        await ch.close();
        await go(async () => {
          await ch.close(); // site:close
        }, 'C').join();
      },
    };
    expect((await exploreAll(s)).outcomes.map((o) => o.panic)).toEqual([
      { kind: 'exception', task: 'C', message: 'close of closed channel', site: site('site:close') },
    ]);
  });

  it('of two tasks closing a channel, the second panics', async () => {
    const s: Scenario = {
      name: 'close-twice',
      async main({ go, channel, waitGroup }) {
        const ch = channel<number>();
        const wg = waitGroup();
        wg.add(2);
        for (const n of ['A', 'B']) {
          go(async () => {
            await ch.close(); // site:close-race
            wg.done();
          }, n);
        }
        await wg.wait();
      },
    };
    const r = await explore(s);
    // One outcome (the panicking task is not part of an outcome's identity) ...
    expect(r.outcomes.map((o) => [o.result, o.panic!.message, o.panic!.site])).toEqual([
      ['panic', 'close of closed channel', site('site:close-race')],
    ]);
    // ... reached both ways.
    expect((await replay(s, { schedule: '1' })).panic!.task).toBe('B');
    expect((await replay(s, { schedule: '2' })).panic!.task).toBe('A');
  });

  it('for await receives until the channel is closed and drained', async () => {
    for (const capacity of [0, 2]) {
      const s: Scenario = {
        name: `for-await-${capacity}`,
        async main({ go, channel }) {
          const ch = channel<number>(capacity);
          go(async () => {
            for (let i = 1; i <= 3; i++) await ch.send(i);
            await ch.close();
          }, 'P');
          const got: number[] = [];
          for await (const v of ch) got.push(v);
          return got;
        },
      };
      const r = await exploreAll(s);
      expect(values(r)).toEqual([[1, 2, 3]]);
      expect(r.outcomes.every((o) => o.result === 'ok' && o.unfinished.length === 0)).toBe(true);
    }
  });

  it('producer/consumer over a buffered channel delivers every item, in order', async () => {
    const s: Scenario = {
      name: 'producer-consumer',
      async main({ go, channel, print }) {
        const ch = channel<number>(2);
        go(async () => {
          for (let i = 1; i <= 4; i++) {
            await ch.send(i);
            await print(`produced ${i}`);
          }
          await ch.close();
        }, 'P');
        const got: number[] = [];
        for await (const v of ch) {
          await print(`consumed ${v}`);
          got.push(v);
        }
        return got;
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.length).toBeGreaterThan(1);
    for (const o of r.outcomes) {
      expect(o.result).toBe('ok');
      expect(o.value).toEqual([1, 2, 3, 4]);
      expect(o.output.filter((l) => l.startsWith('consumed'))).toEqual([1, 2, 3, 4].map((i) => `consumed ${i}`));
      // Never more than 2 produced ahead of the consumer (the buffer), plus the one in the consumer's hands.
      for (let i = 0; i < o.output.length; i++) {
        const seen = o.output.slice(0, i + 1);
        const produced = seen.filter((l) => l.startsWith('produced')).length;
        const consumed = seen.filter((l) => l.startsWith('consumed')).length;
        expect(produced - consumed).toBeLessThanOrEqual(3);
      }
    }
  });

  it('when several receivers wait, either may get the value', async () => {
    const s: Scenario = {
      name: 'two-receivers',
      async main({ go, channel }) {
        const ch = channel<string>();
        const rs = ['R1', 'R2'].map((n) =>
          go(async () => {
            const [v, ok] = await ch.recvOk();
            return ok ? `${n} got ${v}` : `${n} closed`;
          }, n),
        );
        await ch.send('x');
        await ch.close();
        return [await rs[0]!.join(), await rs[1]!.join()];
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      ['R1 closed', 'R2 got x'],
      ['R1 got x', 'R2 closed'],
    ]);
  });

  it('on a buffered channel too, any blocked receiver may be the one a send serves', async () => {
    const s: Scenario = {
      name: 'buffered-two-receivers',
      async main({ go, channel, sleep }) {
        const ch = channel<string>(1);
        const rs = ['R1', 'R2'].map((n) => go(async () => `${n} got ${await ch.recv()}`, n));
        await sleep(1); // both are blocked on the empty buffer
        await ch.send('x');
        await ch.send('y');
        return [await rs[0]!.join(), await rs[1]!.join()];
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      ['R1 got x', 'R2 got y'],
      ['R1 got y', 'R2 got x'],
    ]);
  });

  it('any blocked sender may be the one whose value a receive from a full buffer moves in', async () => {
    const s: Scenario = {
      name: 'buffered-two-senders',
      async main({ go, channel, sleep }) {
        const ch = channel<string>(1);
        await ch.send('x');
        go(() => ch.send('a'), 'S1');
        go(() => ch.send('b'), 'S2');
        await sleep(1); // both are blocked on the full buffer
        return [await ch.recv(), await ch.recv(), await ch.recv()];
      },
    };
    expect(values(await exploreAll(s))).toEqual([
      ['x', 'a', 'b'],
      ['x', 'b', 'a'],
    ]);
  });

  it('a send meets any waiting receiver: the sender may meet the second and resume before the first gets anything', async () => {
    const s: Scenario = {
      name: 'send-meets-second-receiver',
      async main({ go, channel, sleep, print }) {
        const log: string[] = []; // pushed as each task resumes, with no step in between
        const ch = channel<string>(0, 'ch');
        const rs = ['R1', 'R2'].map((n) =>
          go(async () => {
            const [v, ok] = await ch.recvOk();
            log.push(ok ? `${n} got ${v}` : `${n} closed`);
          }, n),
        );
        await sleep(1); // R1, then R2, wait to receive
        await ch.send('x');
        log.push('S sent');
        await ch.close();
        for (const r of rs) await r.join();
        await print(log.join(', '));
      },
    };
    const r = await exploreAll(s);
    expect(outputs(r)).toEqual([
      'R1 got x, S sent, R2 closed', // R1's step meets S
      'R2 got x, S sent, R1 closed', // R2's step meets S
      'S sent, R1 closed, R2 got x', // S's step meets R2 (alternative 1) ...
      'S sent, R1 got x, R2 closed', // S's step meets R1 (alternative 0)
      'S sent, R2 closed, R1 got x',
      'S sent, R2 got x, R1 closed', // ... and S resumes before R1 gets anything
    ]);
    const second = r.outcomes.find((o) => o.output[0] === 'S sent, R2 got x, R1 closed')!;
    expect(second.schedule).toContain(':1:');
    const trace = await traceOf(s, second.schedule);
    expect(trace.slice(0, 4)).toEqual([
      'main: sleep 1ms (until 1ms)',
      'main: send ch <- "x" (to R2)',
      'main: close ch',
      'R2: recv ch (got "x")',
    ]);
    // Alternative 0 is the receiver that has waited longest, as before alternatives existed.
    const first = r.outcomes.find((o) => o.output[0] === 'S sent, R1 got x, R2 closed')!;
    expect(first.schedule).not.toContain(':');
    expect((await traceOf(s, first.schedule))[1]).toBe('main: send ch <- "x" (to R1)');
  });

  it('a receive meets any waiting sender: the receiver may meet the second and resume before the first sends', async () => {
    const s: Scenario = {
      name: 'recv-meets-second-sender',
      async main({ go, channel, sleep, print }) {
        const log: string[] = []; // pushed as each task resumes, with no step in between
        const ch = channel<string>(0, 'ch');
        for (const [n, v] of [
          ['S1', 'a'],
          ['S2', 'b'],
        ] as const) {
          go(async () => {
            await ch.send(v);
            log.push(`${n} sent`);
          }, n);
        }
        await sleep(1); // S1, then S2, wait to send
        log.push(`main got ${await ch.recv()}`);
        await print(log.join(', ')); // the other sender is left blocked
      },
    };
    const r = await exploreAll(s);
    // The output, and who had not resumed when main ended.
    expect(r.outcomes.map((o) => `${o.output.join(' | ')} [${o.unfinished.join(', ')}]`).sort()).toEqual([
      'S1 sent, main got a [S2]', // S1's step meets main
      'S2 sent, main got b [S1]', // S2's step meets main
      'main got a [S1, S2]', // main's step meets S1 (alternative 0) ...
      'main got a [S2]', // ... S1 resumes before main ends
      'main got b [S1, S2]', // main's step meets S2 (alternative 1): main resumes first, and S1 never sends
      'main got b [S1]', // ... S2 resumes before main ends
    ]);
    const early = r.outcomes.find((o) => o.output[0] === 'main got b' && o.unfinished.length === 2)!;
    expect(early.schedule).toContain(':1:');
    expect((await traceOf(s, early.schedule))[1]).toBe('main: recv ch (from S2)');
    const first = r.outcomes.find((o) => o.output[0] === 'main got a' && o.unfinished.length === 2)!;
    expect(first.schedule).not.toContain(':');
    expect((await traceOf(s, first.schedule))[1]).toBe('main: recv ch (from S1)');
  });

  it('a receive from a full buffer takes the oldest value; which blocked sender moves in behind it is a choice', async () => {
    const s: Scenario = {
      name: 'full-buffer-choice',
      async main({ go, channel, sleep }) {
        const log: string[] = [];
        const ch = channel<string>(1, 'ch');
        await ch.send('x');
        const ss = ['a', 'b'].map((v, i) =>
          go(
            async () => {
              await ch.send(v);
              log.push(`S${i + 1} sent`);
            },
            `S${i + 1}`,
          ),
        );
        await sleep(1); // both are blocked on the full buffer
        const first = await ch.recv();
        log.push(`main got ${first}, then ${ch.length}`);
        const rest = [await ch.recv(), await ch.recv()];
        for (const t of ss) await t.join();
        return [first, ...rest, log[0]];
      },
    };
    const r = await exploreAll(s);
    // The buffer stays FIFO: 'x' first, then the sender that moved in, then the other.
    expect(values(r)).toEqual([
      ['x', 'a', 'b', 'S1 sent'],
      ['x', 'a', 'b', 'main got x, then 1'],
      ['x', 'b', 'a', 'S2 sent'],
      ['x', 'b', 'a', 'main got x, then 1'],
    ]);
    const s2 = r.outcomes.find((o) => {
      const v = o.value as string[];
      return v[2] === 'a' && v[3] === 'main got x, then 1';
    })!;
    expect((await traceOf(s, s2.schedule)).filter((t) => t.startsWith('main: recv'))[0]).toBe(
      'main: recv ch (from S2)',
    );
  });

  it('a value sent while a receiver is blocked goes to it: a later receiver cannot overtake it', async () => {
    const s: Scenario = {
      name: 'no-overtaking',
      async main({ go, channel, sleep }) {
        const ch = channel<string>(1);
        const r1 = go(() => ch.recv(), 'R1');
        await sleep(1); // R1 is blocked
        await ch.send('v');
        go(() => ch.recv(), 'R3'); // comes too late: the buffer is empty, 'v' is R1's
        return r1.join();
      },
    };
    const r = await exploreAll(s);
    expect(r.outcomes.map((o) => [o.result, o.value, o.unfinished])).toEqual([['ok', 'v', ['R3']]]);
  });

  it('a sender that awaited a plain promise before its first operation is matched as itself', async () => {
    const s: Scenario = {
      name: 'chan-ambiguous-caller',
      async main({ go, channel, print }) {
        const ch = channel<number>();
        const sender = go(async () => {
          await Promise.resolve(); // main runs on meanwhile: two tasks between operations
          await ch.send(1);
          await print('S sent');
        }, 'S');
        const v = await ch.recv();
        await print(`main got ${v}`);
        await sender.join();
      },
    };
    expect(outputs(await exploreAll(s))).toEqual(['S sent | main got 1', 'main got 1 | S sent']);
  });

  it('capacity, length and names', async () => {
    const s: Scenario = {
      name: 'chan-props',
      async main({ channel }) {
        const a = channel<number>(3);
        await a.send(1);
        await a.send(2);
        const b = channel<string>(0, 'mine');
        return [a.name, a.capacity, a.length, b.name, b.capacity, b.length];
      },
    };
    expect(values(await exploreAll(s))).toEqual([['chan#1', 3, 2, 'mine', 0, 0]]);
  });

  it('a capacity that is not an integer >= 0 is a TypeError panic', async () => {
    const s: Scenario = {
      name: 'chan-bad-capacity',
      async main({ channel }) {
        channel(-1);
      },
    };
    expect((await exploreAll(s)).outcomes[0]!.panic).toMatchObject({
      task: 'main',
      message: 'TypeError: channel expects a capacity that is an integer >= 0, got -1',
    });
  });
});
