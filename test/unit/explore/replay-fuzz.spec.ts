/**
 * Fuzzing replay with hostile schedule strings — random bytes, random
 * unicode, and random mutations of schedules that exploration produced:
 * replay never crashes and never hangs; it either follows the schedule
 * faithfully (the run makes exactly the choices the string encodes, and
 * replaying the run's own schedule gives the same run) or throws a
 * ScheduleError with a one-line message.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSchedule, encodeSchedule, explore, replay, ScheduleError, type Scenario } from '../../../src/index.js';
import workers from '../../../scenarios/workers.js';

/** Choices with alternatives (`0:1:`), three tasks, and a channel hand-off. */
const mixed: Scenario = {
  name: 'mixed',
  async main({ go, choose, print, channel }) {
    const ch = channel();
    const a = await choose(['x', 'y', 'z']);
    go(async () => {
      await ch.send(a);
    }, 'sender');
    go(async () => {
      await print('other');
    }, 'other');
    await print('got', await ch.recv());
    return a;
  },
};

const SCENARIOS: Scenario[] = [workers as Scenario, mixed];
const valid = new Map<Scenario, string[]>();

beforeAll(async () => {
  for (const s of SCENARIOS) valid.set(s, (await explore(s, { checkDeterminism: false })).outcomes.map((o) => o.schedule));
});

const ALPHABET = [...'0123456789abcdefz_:.-', ' ', '\n', '#', 'é', '\u0000'];

/** A valid schedule with a few random edits: insert, delete, replace, duplicate a slice, cut. */
function mutated(schedules: () => string[]): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), c: fc.constantFrom(...ALPHABET) }),
    fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('replace' as const), at: fc.nat(), c: fc.constantFrom(...ALPHABET) }),
    fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  );
  return fc.tuple(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([i, edits]) => {
    const list = schedules();
    let s = list[i % list.length]!;
    for (const e of edits) {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1);
      if (e.op === 'insert') s = s.slice(0, at) + e.c + s.slice(at);
      else if (e.op === 'delete') s = s.slice(0, at) + s.slice(at + 1);
      else if (e.op === 'replace') s = s.slice(0, at) + e.c + s.slice(at + 1);
      else if (e.op === 'repeat') s = s.slice(0, at) + s.slice(at, at + e.len).repeat(2) + s.slice(at + e.len);
      else s = s.slice(0, at);
    }
    return s;
  });
}

/** The same schedule written another way: padded with spaces, or with its runs spelled out (`1.3.` as `111`). */
function respelled(schedules: () => string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(), fc.boolean(), fc.boolean()).map(([i, pad, expand]) => {
    const list = schedules();
    let s = list[i % list.length]!;
    if (expand && s !== '-') s = decodeSchedule(s).map((m) => encodeSchedule([m])).join('');
    return pad ? `  ${s} ` : s;
  });
}

const hostile = (schedules: () => string[]): fc.Arbitrary<string> =>
  fc.oneof(
    respelled(schedules),
    mutated(schedules),
    fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.stringMatching(/^[0-9a-z_:.-]{0,16}$/),
  );

/** Replays `schedule` and checks the one of two things that may happen. */
async function check(s: Scenario, schedule: string): Promise<'faithful' | 'error'> {
  let run;
  try {
    run = await replay(s, { schedule, checkDeterminism: false });
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    expect(e.message).not.toBe('');
    expect(e.message).not.toContain('\n');
    return 'error';
  }
  // Faithful: exactly the choices the string encodes, and its own schedule replays to the same run.
  expect(run.choices).toEqual(decodeSchedule(schedule));
  expect(run.schedule).toBe(encodeSchedule(decodeSchedule(schedule)));
  const again = await replay(s, { schedule: run.schedule });
  expect([again.output, again.value, again.result, again.trace!.map((t) => [t.task, t.op])]).toEqual([
    run.output,
    run.value,
    run.result,
    run.trace!.map((t) => [t.task, t.op]),
  ]);
  return 'faithful';
}

describe('replay under hostile schedule strings', () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: never a crash or a hang; a faithful replay or a ScheduleError`, async () => {
      const seen = { faithful: 0, error: 0 };
      await fc.assert(
        fc.asyncProperty(hostile(() => valid.get(s)!), async (schedule) => {
          seen[await check(s, schedule)]++;
        }),
        { numRuns: 400, seed: 7, verbose: true },
      );
      // Both branches were exercised, so the property tested something on each side.
      expect(seen.faithful).toBeGreaterThan(40);
      expect(seen.error).toBeGreaterThan(50);
    });
  }

  it('every schedule exploration produced replays faithfully (the mutations start from real schedules)', async () => {
    for (const s of SCENARIOS) {
      for (const schedule of valid.get(s)!) expect(await check(s, schedule)).toBe('faithful');
    }
  });
});
