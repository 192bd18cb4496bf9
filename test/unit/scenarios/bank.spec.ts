import { describe, expect, it } from 'vitest';
import bankDeadlock from '../../../scenarios/bank-deadlock.js';
import bankOrdered from '../../../scenarios/bank-ordered.js';
import { exploreStory, kinds, outcomes } from './verdict.js';

describe('bank transfers', () => {
  it('locking payer then payee deadlocks when the two transfers each hold one account', async () => {
    const r = await exploreStory(bankDeadlock, 'bank-deadlock.ts');
    expect(r.executions).toBe(4);
    expect(outcomes(r)).toEqual([
      [['pam: 110, jim: 90'], 'ok', null],
      [[], 'deadlock', null],
    ]);
    expect(r.outcomes.find((o) => o.result === 'deadlock')!.deadlock).toEqual([
      'main waits: wait wg#1 (counter 2)',
      't1 waits: lock pam (held by t2)',
      't2 waits: lock jim (held by t1)',
    ]);
    expect(kinds(r)).toEqual(['deadlock', 'ordering']);
  });

  it('locking the accounts in one global order never deadlocks: one outcome, no finding', async () => {
    const r = await exploreStory(bankOrdered, 'bank-ordered.ts');
    expect(r.executions).toBe(2);
    expect(outcomes(r)).toEqual([[['pam: 110, jim: 90'], 'ok', null]]);
    expect(kinds(r)).toEqual([]);
  });
});
