/**
 * swappedLines: pairs of output lines seen in both orders across outcomes.
 */
import { describe, expect, it } from 'vitest';
import { swappedLines } from '../../../src/analysis/ordering.js';
import type { OutcomeRecord } from '../../../src/explore/outcomes.js';

const outcomes = (...outputs: string[][]): OutcomeRecord[] =>
  outputs.map((output, i) => ({
    output,
    value: null,
    result: 'ok',
    unfinished: [],
    count: 1,
    choices: [],
    firstExecution: i,
    steps: output.length,
    time: 0,
    violations: [],
  }));

describe('swappedLines', () => {
  it('nothing to compare: no pairs', () => {
    expect(swappedLines([])).toEqual([]);
    expect(swappedLines(outcomes(['a', 'b']))).toEqual([]);
    expect(swappedLines(outcomes(['a', 'b'], ['a', 'b']))).toEqual([]);
  });

  it('two lines in both orders', () => {
    expect(swappedLines(outcomes(['a', 'b'], ['b', 'a']))).toEqual([{ first: 'a', second: 'b' }]);
  });

  it('pairs are named in the order the first outcome prints them', () => {
    expect(swappedLines(outcomes(['b', 'a'], ['a', 'b']))).toEqual([{ first: 'b', second: 'a' }]);
  });

  it('only the pairs that actually swap', () => {
    expect(swappedLines(outcomes(['a', 'b', 'c', 'd'], ['b', 'a', 'c', 'd'], ['a', 'b', 'd', 'c']))).toEqual([
      { first: 'a', second: 'b' },
      { first: 'c', second: 'd' },
    ]);
  });

  it('a swap seen only between the second and third outcome is found too', () => {
    expect(swappedLines(outcomes(['a', 'x'], ['b', 'c'], ['c', 'b']))).toEqual([]);
    expect(swappedLines(outcomes(['b', 'c', 'a'], ['a', 'b', 'c'], ['c', 'b', 'a']))).toEqual([
      { first: 'b', second: 'c' },
      { first: 'b', second: 'a' },
      { first: 'c', second: 'a' },
    ]);
  });

  it('lines printed more than once in an outcome are not compared', () => {
    expect(swappedLines(outcomes(['x', 'a', 'x', 'b'], ['x', 'b', 'x', 'a']))).toEqual([{ first: 'a', second: 'b' }]);
  });

  it('a line missing from one outcome does not make a pair', () => {
    expect(swappedLines(outcomes(['a', 'b'], ['b']))).toEqual([]);
    expect(swappedLines(outcomes(['a', 'b'], ['b', 'c', 'a']))).toEqual([{ first: 'a', second: 'b' }]);
  });

  it('at most 20 pairs', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `l${i}`);
    const pairs = swappedLines(outcomes(lines, [...lines].reverse()));
    expect(pairs).toHaveLength(20);
    expect(pairs[0]).toEqual({ first: 'l0', second: 'l1' });
  });
});
