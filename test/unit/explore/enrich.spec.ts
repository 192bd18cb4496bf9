import { describe, expect, it } from 'vitest';
import { decodeSchedule, explore, ScheduleError } from '../../../src/index.js';
import { twoPrinters } from '../support.js';


describe('explore({ trace: true })', () => {
  it("gives every outcome the step-by-step trace of its first execution", async () => {
    const r = await explore(twoPrinters, { trace: true });
    expect(r.outcomes.map((o) => o.trace!.map((s) => `${s.task}:${s.op}`))).toEqual([
      ['A:print "a"', 'B:print "b"', 'main:wait wg#1 (counter 0)'],
      ['B:print "b"', 'A:print "a"', 'main:wait wg#1 (counter 0)'],
    ]);
    expect(r.outcomes[0]!.trace![0]).toMatchObject({ step: 1, time: 0, enabled: 2 });
  });

  it('leaves the trace out by default', async () => {
    const r = await explore(twoPrinters);
    expect(r.outcomes.every((o) => o.trace === undefined)).toBe(true);
  });
});

describe('decodeSchedule positions', () => {
  it('count from the text as given, leading spaces included', () => {
    expect(() => decodeSchedule('  0?')).toThrow(ScheduleError);
    expect(() => decodeSchedule('  0?')).toThrow(/^malformed schedule at character 4 /);
  });
});
