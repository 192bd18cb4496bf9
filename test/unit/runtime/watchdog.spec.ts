import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';

// Regression: a scenario awaiting setTimeout(r, 1) was reported as
// uncontrolled-await in most random runs but ran on as `ok` in a few, when the
// real timer fired before the watchdog's setImmediate. The watchdog also arms
// a 0 ms timer before the scenario can create one, so the verdict is the same
// in every run.
describe('watchdog', () => {
  it('a real 1 ms timer is an uncontrolled await in every execution', async () => {
    const s: Scenario = {
      name: 'real-1ms-timer',
      async main({ print }) {
        await print('before');
        await new Promise((resolve) => setTimeout(resolve, 1));
        await print('after');
      },
    };
    const r = await explore(s, { strategy: 'random', maxExecutions: 300 });
    expect(r.executions).toBe(300);
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]).toMatchObject({ output: ['before'], result: 'panic', count: 300 });
    expect(r.outcomes[0]!.panic!.kind).toBe('uncontrolled-await');
  });

  it('a real 0 ms timer too', async () => {
    const s: Scenario = {
      name: 'real-0ms-timer',
      async main({ print }) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await print('after');
      },
    };
    const r = await explore(s, { strategy: 'random', maxExecutions: 300 });
    expect(r.outcomes.map((o) => [o.result, o.count, o.panic?.kind])).toEqual([['panic', 300, 'uncontrolled-await']]);
  });
});
