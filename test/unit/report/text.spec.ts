/**
 * The terminal text report: what a person reads first.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import { renderText } from '../../../src/report/text.js';
import lostUpdate from '../../../scenarios/lost-update.js';

describe('text report', () => {
  it('an outcome with a finding says how many preemptions its (shrunk) schedule has, and what it was first', async () => {
    const r = await explore(lostUpdate as Scenario, { file: 'scenarios/lost-update.ts' });
    const text = renderText(r, { color: false });
    const failing = r.outcomes.filter((o) => o.result === 'violation');
    expect(failing.map((o) => o.preemptions)).toEqual([1, 1]);
    for (const o of failing) {
      const first = o.firstSchedule !== undefined ? `; first seen as ${o.firstSchedule}` : '';
      expect(text).toContain(`schedule: 1 preemption (the fewest found${first})\n`);
    }
    // The outcome without a finding is not shrunk: no such line for it.
    expect(text.match(/schedule: \d+ preemption/g)).toHaveLength(2);
  });
});
