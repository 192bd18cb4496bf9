/** Exhaustive.progress(): the share of the choice tree searched, for the progress line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exhaustive } from '../../../src/explore/exhaustive.js';
import type { ExecutionResult } from '../../../src/runtime/execution.js';

const ended = {} as ExecutionResult; // Exhaustive.end only tells a run (non-null) from an abandoned one (null)

/**
 * Runs the whole search of a tree given by `widths(path)`: the number of
 * moves at the next choice point after `path`, 0 at a leaf. Returns the
 * progress after each execution.
 */
function search(widths: (path: number[]) => number): number[] {
  const s = new Exhaustive();
  const seen: number[] = [];
  expect(s.progress()).toBe(0);
  while (s.begin()) {
    const path: number[] = [];
    for (let w = widths(path); w > 0; w = widths(path)) path.push(s.choose(w));
    s.end(ended);
    seen.push(s.progress());
  }
  return seen;
}

describe('Exhaustive.progress', () => {
  it('is k/9 after k of the 9 executions of a uniform 3 × 3 tree', () => {
    const seen = search((path) => (path.length < 2 ? 3 : 0));
    expect(seen).toHaveLength(9);
    seen.forEach((p, k) => expect(p).toBeCloseTo((k + 1) / 9, 12));
    expect(seen.at(-1)).toBe(1);
  });

  it('never goes down and ends at 1, on any tree (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (table, depth) => {
        // A deterministic tree whose widths depend on the path taken.
        const widths = (path: number[]): number =>
          path.length >= depth ? 0 : table[path.reduce((h, x) => (h * 31 + x + 1) % table.length, path.length % table.length)]!;
        const seen = search(widths);
        for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
        expect(seen.at(-1)).toBe(1);
        expect(seen.slice(0, -1).every((p) => p < 1)).toBe(true);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
