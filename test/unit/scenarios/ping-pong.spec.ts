import { describe, expect, it } from 'vitest';
import pingPong from '../../../scenarios/ping-pong.js';
import { exploreStory, kinds } from './verdict.js';

describe('ping-pong.ts', () => {
  it('strictly alternates in every schedule: one outcome, no finding', async () => {
    const r = await exploreStory(pingPong, 'ping-pong.ts');
    // Each of the 6 hand-offs can go 3 ways: the sender's step completes it, or the receiver's
    // does and the sender's resuming step comes before or after the receiver's next operation.
    expect(r.executions).toBe(729);
    expect(r.outcomes.map((o) => [o.output, o.result, o.count])).toEqual([
      [['ping 1', 'pong 1', 'ping 2', 'pong 2', 'ping 3', 'pong 3'], 'ok', 729],
    ]);
    expect(kinds(r)).toEqual([]);
  });
});
