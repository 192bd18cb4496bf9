import { describe, expect, it } from 'vitest';
import dining from '../../../scenarios/dining-philosophers.js';
import diningOrdered from '../../../scenarios/dining-philosophers-ordered.js';
import { exploreStory, kinds, outcomes } from './verdict.js';

const NAMES = ['Plato', 'Kant', 'Hume'];

/** The 6 orders in which the three philosophers can eat, as outputs. */
function eatingOrders(): string[][] {
  const orders: string[][] = [];
  for (const a of NAMES)
    for (const b of NAMES)
      for (const c of NAMES) {
        if (new Set([a, b, c]).size === 3) orders.push([a, b, c].map((n) => `${n} eats`));
      }
  return orders;
}

describe('dining philosophers', () => {
  it('left fork first: any eating order, or all three holding their left fork forever', async () => {
    const r = await exploreStory(dining, 'dining-philosophers.ts');
    expect(r.executions).toBe(48);
    expect(r.outcomes).toHaveLength(7);
    expect(
      r.outcomes
        .filter((o) => o.result === 'ok')
        .map((o) => o.output)
        .sort(),
    ).toEqual(eatingOrders().sort());
    const deadlocks = r.outcomes.filter((o) => o.result === 'deadlock');
    expect(deadlocks.map((o) => [o.output, o.deadlock])).toEqual([
      [
        [],
        [
          'main waits: wait wg#1 (counter 3)',
          'Plato waits: lock fork1 (held by Kant)',
          'Kant waits: lock fork2 (held by Hume)',
          'Hume waits: lock fork0 (held by Plato)',
        ],
      ],
    ]);
    expect(kinds(r)).toEqual(['deadlock', 'ordering']);
  });

  it('lower-numbered fork first: the same 6 eating orders, never a deadlock', async () => {
    const r = await exploreStory(diningOrdered, 'dining-philosophers-ordered.ts');
    expect(r.executions).toBe(30);
    expect(outcomes(r).map(([output, result]) => [output, result])).toEqual(
      eatingOrders()
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
        .map((o) => [o, 'ok']),
    );
    expect(kinds(r)).toEqual(['ordering']);
  });
});
