/**
 * Schedule strings: encoding, decoding, and replays of schedules that do not fit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeSchedule,
  encodeSchedule,
  InterleaveError,
  replay,
  ScheduleError,
  type Scenario,
} from '../../../src/index.js';

const HINT = 'the scenario or its options changed since the schedule was recorded, or it belongs to another scenario';

/** Catches the error a function throws, failing the test when it does not throw. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

async function rejected(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('encodeSchedule', () => {
  it.each([
    { ids: [], text: '-' },
    { ids: [0], text: '0' },
    { ids: [9, 10, 35], text: '9az' },
    { ids: [36], text: '_36_' },
    { ids: [42, 7], text: '_42_7' },
    { ids: [1, 1, 1, 1], text: '1111' }, // "1.4." is not shorter
    { ids: [1, 1, 1, 1, 1], text: '1.5.' },
    { ids: Array(12).fill(1), text: '1.12.' },
    { ids: [0, 1, 2, 0, 0, 0, 0, 0], text: '0120.5.' }, // the example in schedule.ts
    { ids: [42, 42], text: '_42_.2.' },
    { ids: [100, 100, 100, 2, 2], text: '_100_.3.22' },
  ])('$ids → $text', ({ ids, text }) => {
    expect(encodeSchedule(ids)).toBe(text);
    expect(decodeSchedule(text)).toEqual(ids);
  });

  it('produces only shell-safe characters', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 60 }), (ids) => {
        expect(encodeSchedule(ids)).toMatch(/^(-|[0-9a-z_.]+)$/);
      }),
    );
  });
});

describe('decodeSchedule ∘ encodeSchedule', () => {
  const ids = fc.integer({ min: 0, max: 100 });
  // Long runs: (id, length) pairs expanded, so RLE kicks in with every count size.
  const runs = fc
    .array(fc.tuple(ids, fc.integer({ min: 1, max: 300 })), { maxLength: 8 })
    .map((rs) => rs.flatMap(([id, n]) => Array<number>(n).fill(id)));

  it('round-trips arbitrary arrays of task ids 0..100', () => {
    fc.assert(
      fc.property(fc.array(ids, { maxLength: 80 }), (xs) => {
        expect(decodeSchedule(encodeSchedule(xs))).toEqual(xs);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips arrays made of long runs, and the encoding is shorter than one token per choice', () => {
    fc.assert(
      fc.property(runs, (xs) => {
        const text = encodeSchedule(xs);
        expect(decodeSchedule(text)).toEqual(xs);
        const naive = xs.map((id) => (id < 36 ? id.toString(36) : `_${id}_`)).join('');
        expect(text.length).toBeLessThanOrEqual(Math.max(1, naive.length));
      }),
      { numRuns: 300 },
    );
  });

  it('encoding is canonical: encode(decode(encode(x))) === encode(x)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(ids), runs), (xs) => {
        const text = encodeSchedule(xs);
        expect(encodeSchedule(decodeSchedule(text))).toBe(text);
      }),
    );
  });

  it('decoding ignores surrounding whitespace (pasted schedules)', () => {
    expect(decodeSchedule('  01_40_\n')).toEqual([0, 1, 40]);
    expect(decodeSchedule(' - ')).toEqual([]);
  });

  // Run lengths of 7+ digits were rejected by decodeSchedule before 570b2e3.
  it('round-trips a run of a million choices', () => {
    const xs = Array<number>(1_000_000).fill(0);
    expect(encodeSchedule(xs)).toBe('0.1000000.');
    expect(decodeSchedule(encodeSchedule(xs))).toHaveLength(1_000_000);
  });
});

describe('decodeSchedule of malformed strings', () => {
  it.each([
    {
      text: '01?',
      message: 'malformed schedule at character 3 ("01?"): unexpected character "?"; a schedule uses 0-9, a-z, _, : and .',
    },
    {
      text: 'A',
      message: 'malformed schedule at character 1 ("A"): unexpected character "A"; a schedule uses 0-9, a-z, _, : and .',
    },
    {
      text: '0123456789!abcdef',
      message:
        'malformed schedule at character 11 ("56789!abcd"): unexpected character "!"; a schedule uses 0-9, a-z, _, : and .',
    },
    {
      text: '0_4',
      message:
        'malformed schedule at character 2 ("0_4"): expected a task id in decimal between underscores, like _42_',
    },
    {
      text: '_x_',
      message:
        'malformed schedule at character 1 ("_x_"): expected a task id in decimal between underscores, like _42_',
    },
    {
      text: '1__',
      message:
        'malformed schedule at character 2 ("1__"): expected a task id in decimal between underscores, like _42_',
    },
    {
      text: '0..',
      message: 'malformed schedule at character 2 ("0.."): expected a repeat count between dots, like .12.',
    },
    {
      text: '1.0.',
      message: 'malformed schedule at character 2 ("1.0."): expected a repeat count between dots, like .12.',
    },
    {
      text: '21.5',
      message: 'malformed schedule at character 3 ("21.5"): expected a repeat count between dots, like .12.',
    },
    {
      text: '0.50000001.',
      message: 'malformed schedule at character 2 ("0.5000"): longer than 50000000 choices',
    },
    {
      text: '0.1234567890.',
      message: 'malformed schedule at character 2 ("0.1234"): expected a repeat count between dots, like .12.',
    },
    {
      text: '.3.',
      message: 'malformed schedule at character 1 (".3."): unexpected character "."; a schedule uses 0-9, a-z, _, : and .',
    },
    {
      text: '0 1',
      message: 'malformed schedule at character 2 ("0 1"): unexpected character " "; a schedule uses 0-9, a-z, _, : and .',
    },
    {
      text: '--',
      message: 'malformed schedule at character 1 ("--"): unexpected character "-"; a schedule uses 0-9, a-z, _, : and .',
    },
  ])('$text', ({ text, message }) => {
    const e = thrown(() => decodeSchedule(text));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e).toBeInstanceOf(InterleaveError);
    expect((e as ScheduleError).code).toBe('INTERLEAVE_SCHEDULE');
    expect(e.message).toBe(message);
  });

  it('the empty string is not the empty schedule', () => {
    const e = thrown(() => decodeSchedule('   '));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe('the schedule is empty (the schedule with no choice point is written "-")');
  });

  it('a non-string is a ScheduleError', () => {
    const e = thrown(() => decodeSchedule(12 as unknown as string));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe('a schedule is a string, got number');
  });

  it('property: a string with a character outside the alphabet always fails, naming its position', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 20 }),
        fc.constantFrom('!', 'A', 'Z', '#', '/', '-', '~'),
        (ids, bad) => {
          const prefix = ids.map((i) => i.toString(36)).join('');
          const text = `${prefix}${bad}0`;
          const e = thrown(() => decodeSchedule(text));
          expect(e).toBeInstanceOf(ScheduleError);
          expect(e.message).toContain(`malformed schedule at character ${prefix.length + 1} (`);
          expect(e.message).toContain(`unexpected character ${JSON.stringify(bad)}`);
        },
      ),
    );
  });
});

describe('replay of a schedule that does not fit', () => {
  // A prints twice and B once; main waits for both. Schedules: 11, 12, 2.
  const twoTasks: Scenario = {
    name: 'two-tasks',
    async main({ go, print, waitGroup }) {
      const wg = waitGroup();
      wg.add(2);
      go(async () => {
        await print('a');
        await print('a2');
        wg.done();
      }, 'A');
      go(async () => {
        await print('b');
        wg.done();
      }, 'B');
      await wg.wait();
    },
  };

  it('fits: "11", "12" and "2" replay the three orders', async () => {
    expect((await replay(twoTasks, { schedule: '11' })).output).toEqual(['a', 'a2', 'b']);
    expect((await replay(twoTasks, { schedule: '12' })).output).toEqual(['a', 'b', 'a2']);
    expect((await replay(twoTasks, { schedule: '2' })).output).toEqual(['b', 'a', 'a2']);
  });

  it('a choice that picks a task that is not enabled there', async () => {
    const e = await rejected(replay(twoTasks, { schedule: '0' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(
      `choice 1 of the schedule picks task 0, which is not enabled there (enabled: 1 (A), 2 (B)): ${HINT}`,
    );
  });

  it('a choice that picks a task id that does not exist', async () => {
    const e = await rejected(replay(twoTasks, { schedule: '_77_' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(
      `choice 1 of the schedule picks task 77, which is not enabled there (enabled: 1 (A), 2 (B)): ${HINT}`,
    );
  });

  it('the second choice picks a blocked task', async () => {
    // After A's first print, A and B are enabled; main waits on the WaitGroup.
    const e = await rejected(replay(twoTasks, { schedule: '10' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(
      `choice 2 of the schedule picks task 0, which is not enabled there (enabled: 1 (A), 2 (B)): ${HINT}`,
    );
  });

  it('a choice after the last choice point is one too many', async () => {
    // After "2" (B prints) only A is left: there is no second choice point.
    const e = await rejected(replay(twoTasks, { schedule: '21' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(`the run ended after 1 choice, but the schedule has 2: ${HINT}`);
  });

  it('too few choices, in the middle of a run', async () => {
    const e = await rejected(replay(twoTasks, { schedule: '1' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(`the schedule has 1 choice, but the run reached choice 2 (enabled: 1 (A), 2 (B)): ${HINT}`);
  });

  it('too few choices', async () => {
    const e = await rejected(replay(twoTasks, { schedule: '-' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(`the schedule has 0 choices, but the run reached choice 1 (enabled: 1 (A), 2 (B)): ${HINT}`);
  });

  it('too many choices', async () => {
    const e = await rejected(replay(twoTasks, { schedule: '2111' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(`the run ended after 1 choice, but the schedule has 4: ${HINT}`);
  });

  it('a malformed schedule is rejected before running', async () => {
    let ran = 0;
    const counting: Scenario = {
      name: 'counting',
      async main({ print }) {
        ran++;
        await print('x');
      },
    };
    const e = await rejected(replay(counting, { schedule: '0?' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(
      'malformed schedule at character 2 ("0?"): unexpected character "?"; a schedule uses 0-9, a-z, _, : and .',
    );
    expect(ran).toBe(0);
  });

  it('a scenario without choice points replays "-" and nothing else', async () => {
    const single: Scenario = {
      name: 'single',
      async main({ print }) {
        await print('only');
      },
    };
    expect((await replay(single, { schedule: '-' })).output).toEqual(['only']);
    const e = await rejected(replay(single, { schedule: '0' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect(e.message).toBe(`the run ended after 0 choices, but the schedule has 1: ${HINT}`);
  });
});
