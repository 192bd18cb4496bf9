import { describe, expect, it } from 'vitest';
import lostUpdate from '../../../scenarios/lost-update.js';
import lostUpdateMutex from '../../../scenarios/lost-update-mutex.js';
import { exploreStory, kinds, outcomes } from './verdict.js';

describe('lost-update.ts', () => {
  it('loses one or two of the three increments in some schedules: 3 outcomes, a race and a violation', async () => {
    const r = await exploreStory(lostUpdate, 'lost-update.ts');
    // The three tasks' get/set pairs interleave in 6!/(2!·2!·2!) = 90 ways.
    expect(r.executions).toBe(90);
    expect(outcomes(r)).toEqual([
      [['counter = 1'], 'violation', 1],
      [['counter = 2'], 'violation', 2],
      [['counter = 3'], 'ok', 3],
    ]);
    // Only the 3! schedules that run each task's get and set back to back keep every update.
    expect(r.outcomes.find((o) => o.value === 3)!.count).toBe(6);
    expect(kinds(r)).toEqual(['ordering', 'race', 'violation']);
    const race = r.findings.find((f) => f.kind === 'race');
    expect(race?.message).toContain('"counter"');
    expect(r.findings.find((f) => f.kind === 'violation')!.message).toBe(
      'assertion failed in task main: an update was lost (scenarios/lost-update.ts:27)',
    );
  });

  it('with a mutex around get and set: one outcome, no finding', async () => {
    const r = await exploreStory(lostUpdateMutex, 'lost-update-mutex.ts');
    // The three orders in which the tasks take the mutex.
    expect(r.executions).toBe(6);
    expect(outcomes(r)).toEqual([[['counter = 3'], 'ok', 3]]);
    expect(kinds(r)).toEqual([]);
  });
});
