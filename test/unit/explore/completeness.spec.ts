/**
 * Exhaustive exploration against arithmetic: k tasks printing n_i distinct
 * lines have exactly (Σn_i)! / Π(n_i!) interleavings, and with prints only,
 * every execution is a distinct outcome.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore } from '../../../src/index.js';
import { isInterleaving, lineName, multinomial, printTasks } from '../support.js';

describe('exhaustive exploration is complete', () => {
  it.each([
    { ns: [3, 3], expected: 20 }, // 2 tasks × 3 lines
    { ns: [2, 2, 2], expected: 90 }, // 3 tasks × 2 lines
    { ns: [3, 3, 3], expected: 1680 }, // 3 tasks × 3 lines
    { ns: [2, 3], expected: 10 }, // uneven
    { ns: [1, 2, 3], expected: 60 }, // uneven, three tasks
  ])('tasks printing $ns lines → exactly $expected distinct outputs', async ({ ns, expected }) => {
    expect(multinomial(ns)).toBe(expected);
    const r = await explore(printTasks(ns));
    expect(r.complete).toBe(true);
    expect(r.stopReason).toBeUndefined();
    expect(r.executions).toBe(expected);
    expect(r.outcomes).toHaveLength(expected);
    const outputs = new Set(r.outcomes.map((o) => JSON.stringify(o.output)));
    expect(outputs.size).toBe(expected);
    for (const o of r.outcomes) {
      expect(isInterleaving(o.output, ns), o.output.join(' ')).toBe(true);
      expect(o).toMatchObject({ value: null, result: 'ok', unfinished: [], count: 1 });
    }
  });

  it('one task printing n lines has one outcome and schedule "-"', async () => {
    const r = await explore(printTasks([5]));
    expect(r.executions).toBe(1);
    expect(r.outcomes).toHaveLength(1);
    expect(r.outcomes[0]!.output).toEqual(['A0', 'A1', 'A2', 'A3', 'A4']);
    expect(r.outcomes[0]!.schedule).toBe('-');
    expect(r.findings).toEqual([]);
  });

  it('the first outcome found follows task id order (DFS picks the lowest id first)', async () => {
    const r = await explore(printTasks([2, 2]));
    // All counts are 1, so outcomes stay in discovery order.
    expect(r.outcomes[0]!.output).toEqual(['A0', 'A1', 'B0', 'B1']);
    expect(r.outcomes[0]!.schedule).toBe('11');
    expect(r.outcomes.at(-1)!.output).toEqual(['B0', 'B1', 'A0', 'A1']);
    expect(r.outcomes.at(-1)!.schedule).toBe('22');
  });

  it('maxExecutions stops the search and says complete: false', async () => {
    const r = await explore(printTasks([3, 3]), { maxExecutions: 7 });
    expect(r.executions).toBe(7);
    expect(r.outcomes).toHaveLength(7);
    expect(r.complete).toBe(false);
    expect(r.stopReason).toBe('max-executions');
  });

  it('maxExecutions equal to the exact count still reports complete: true', async () => {
    const r = await explore(printTasks([3, 3]), { maxExecutions: 20 });
    expect(r.executions).toBe(20);
    expect(r.complete).toBe(true);
    expect(r.stopReason).toBeUndefined();
  });

  it('property: outcomes = executions = multinomial(n_1..n_k), all valid interleavings, complete', async () => {
    const shapes = fc
      .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 })
      .filter((ns) => ns.reduce((a, b) => a + b, 0) <= 7);
    await fc.assert(
      fc.asyncProperty(shapes, async (ns) => {
        const r = await explore(printTasks(ns));
        const expected = multinomial(ns);
        expect(r.complete).toBe(true);
        expect(r.executions).toBe(expected);
        expect(r.outcomes).toHaveLength(expected);
        expect(r.redundant).toBe(0);
        const seen = new Set<string>();
        for (const o of r.outcomes) {
          expect(isInterleaving(o.output, ns)).toBe(true);
          expect(o.count).toBe(1);
          expect(o.result).toBe('ok');
          seen.add(JSON.stringify(o.output));
        }
        expect(seen.size).toBe(expected);
        // A schedule has one choice per choice point; there are at most Σn - 1 of them.
        const total = ns.reduce((a, b) => a + b, 0);
        for (const o of r.outcomes) expect(o.schedule === '-' || o.schedule.length <= total).toBe(true);
        // ordering is reported exactly when more than one outcome exists.
        expect(r.orderingDependent).toBe(expected > 1);
        expect(r.findings.map((f) => f.kind)).toEqual(expected > 1 ? ['ordering'] : []);
      }),
      { numRuns: 60 },
    );
  });

  it('every line name used by the oracle is distinct', () => {
    const names = new Set<string>();
    for (let t = 0; t < 3; t++) for (let i = 0; i < 5; i++) names.add(lineName(t, i));
    expect(names.size).toBe(15);
    expect(isInterleaving(['A0', 'B0', 'A1'], [2, 1])).toBe(true);
    expect(isInterleaving(['A1', 'B0', 'A0'], [2, 1])).toBe(false);
    expect(isInterleaving(['A0', 'B0'], [2, 1])).toBe(false);
  });
});
