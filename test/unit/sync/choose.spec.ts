import { describe, expect, it } from 'vitest';
import { decodeSchedule, encodeSchedule, explore, replay, type Scenario } from '../../../src/index.js';

const coins: Scenario = {
  name: 'two-coins',
  async main({ choose, print }) {
    const a = await choose(['heads', 'tails']);
    const b = await choose(3);
    await print(a, b);
    return [a, b];
  },
};

describe('choose', () => {
  it('is explored exhaustively: every value of every choice, one execution each', async () => {
    const r = await explore(coins);
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(6);
    expect(r.outcomes.map((o) => o.output[0]).sort()).toEqual([
      'heads 0',
      'heads 1',
      'heads 2',
      'tails 0',
      'tails 1',
      'tails 2',
    ]);
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering']);
  });

  it('records the value in the schedule as an alternative, and replays it', async () => {
    const r = await explore(coins);
    const tails2 = r.outcomes.find((o) => o.output[0] === 'tails 2')!;
    expect(tails2.schedule).toBe('0:1:0:2:');
    const run = await replay(coins, { schedule: tails2.schedule });
    expect(run.output).toEqual(['tails 2']);
    expect(run.value).toEqual(['tails', 2]);
    expect(run.trace!.map((s) => s.op)).toEqual([
      'choose "tails" (2 of 2)',
      'choose 2 (3 of 3)',
      'print "tails 2"',
    ]);
  });

  it('a schedule that picks an alternative that does not exist is a clear error', async () => {
    await expect(replay(coins, { schedule: '0:2:0' })).rejects.toThrow(
      /^choice 1 of the schedule picks task 0, alternative 2, which is not enabled there \(enabled: 0 \(main\), 0:1: \(main\)\)/,
    );
  });

  it('choose(1) is no choice point', async () => {
    const r = await explore({ name: 'one', main: async ({ choose }) => choose(1) });
    expect(r.outcomes.map((o) => [o.value, o.schedule])).toEqual([[0, '-']]);
  });

  it('bad arguments panic in the calling task', async () => {
    for (const [arg, message] of [
      [0, 'RangeError: choose expects a whole number from 1 up, got 0'],
      [[], 'RangeError: choose expects at least one value, got an empty array'],
      ['x', 'TypeError: choose expects a number of choices or an array of values, got "x"'],
    ] as const) {
      const r = await explore({ name: 'bad', main: async ({ choose }) => choose(arg as never) });
      expect(r.outcomes[0]!.panic).toMatchObject({ kind: 'exception', task: 'main', message });
    }
  });

  it('choices and tasks interleave: a choice is a move like any other', async () => {
    const s: Scenario = {
      name: 'choice-and-task',
      async main({ go, choose, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(1);
        go(async () => {
          await print('t');
          wg.done();
        }, 't');
        const c = await choose(2);
        await print(`c${c}`);
        await wg.wait();
      },
    };
    const r = await explore(s);
    expect(r.outcomes.map((o) => o.output.join(',')).sort()).toEqual(['c0,t', 'c1,t', 't,c0', 't,c1']);
  });
});

describe('schedule strings with alternatives', () => {
  it('round-trip, with runs', () => {
    const moves = decodeSchedule('0:1:.3.1_40_:7:');
    expect(encodeSchedule(moves)).toBe('0:1:.3.1_40_:7:');
    expect(moves).toHaveLength(5);
  });

  it('a malformed alternative names its position', () => {
    expect(() => decodeSchedule('0:x:')).toThrow('malformed schedule at character 2 ("0:x:"): expected an alternative between colons, like :2:');
  });
});
