import { describe, expect, it } from 'vitest';
import pingPong from '../../../scenarios/ping-pong.js';
import { exploreStory, kinds } from './verdict.js';

describe('ping-pong.ts', () => {
  it('strictly alternates in every schedule: one outcome, no finding', async () => {
    const r = await exploreStory(pingPong, 'ping-pong.ts');
    // Each of the 6 hand-offs lets either side's step complete it, and the partner resumes at a
    // step of its own: 3 orders per round trip's pair of hand-offs... 3^6 schedules in all.
    expect(r.executions).toBe(729);
    expect(r.outcomes.map((o) => [o.output, o.result, o.count])).toEqual([
      [['ping 1', 'pong 1', 'ping 2', 'pong 2', 'ping 3', 'pong 3'], 'ok', 729],
    ]);
    expect(kinds(r)).toEqual([]);
  });
});
