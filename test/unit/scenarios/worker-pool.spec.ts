import { describe, expect, it } from 'vitest';
import workerPool from '../../../scenarios/worker-pool.js';
import { exploreStory, kinds } from './verdict.js';

describe('worker-pool.ts', () => {
  it('five one-second jobs on two workers take 3000 ms of virtual time in every schedule', async () => {
    const r = await exploreStory(workerPool, 'worker-pool.ts');
    expect(r.executions).toBe(800);
    expect(r.outcomes.map((o) => [o.output, o.result, o.value, o.time, o.count])).toEqual([
      [['sum of results: 30, done at 3000 ms'], 'ok', 3000, 3000, 800],
    ]);
    expect(kinds(r)).toEqual([]);
  });
});
