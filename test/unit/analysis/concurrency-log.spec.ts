import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcurrencyLog } from '../../../src/analysis/concurrency.js';
import { WRITE, type EventRef } from '../../../src/runtime/hb.js';

// The log keys a pair of events by number: small events (task and epoch below
// 128) in one range, the others in another. Whatever the keys, a pair is one
// pair whichever event came first, and two different pairs never meet.
const event = (task: number, epoch: number, time = 0): EventRef => ({ task, epoch, step: 1, time, kind: WRITE });

describe('ConcurrencyLog', () => {
  it('one pair, seen in both orders, is no timing pair; seen in one order after a sleep, it is', () => {
    const log = new ConcurrencyLog();
    log.begin([], []);
    log.unordered('stdout', event(1, 2, 10), event(2, 1, 20));
    log.unordered('stdout', event(200, 300, 10), event(3, 1, 20));
    expect(log.timingExamples().map((e) => [e.first.task, e.second.task])).toEqual([
      [1, 2],
      [200, 3],
    ]);
    log.unordered('stdout', event(2, 1, 10), event(1, 2, 20));
    log.unordered('stdout', event(3, 1, 10), event(200, 300, 20));
    expect(log.timingExamples()).toEqual([]);
  });

  it('keeps a large pair apart from the small pair its packed numbers would match', () => {
    const log = new ConcurrencyLog();
    log.begin([], []);
    // (0,0)-(1,72) packs to 0·2^14 + 1·128 + 72 = 200; (0,0)-(0,200) to 0·2^24 + 200 without an offset.
    log.unordered('x', event(0, 0, 1), event(1, 72, 2));
    log.unordered('x', event(0, 0, 1), event(0, 200, 2));
    expect(log.timingExamples().map((e) => e.second.epoch)).toEqual([72, 200]);
  });

  it('saves pairs under their 48-bit keys, as logs did before small keys, and merges saved pairs with new ones', () => {
    const log = new ConcurrencyLog();
    log.begin([], []);
    log.unordered('stdout', event(1, 2, 10), event(2, 1, 20));
    log.unordered('stdout', event(200, 300, 10), event(3, 1, 20));
    const state = log.exportState();
    const key = (task: number, epoch: number): number => task * 65536 + epoch;
    expect(state.pairs[0]![1].map(([k]) => k)).toEqual([
      key(1, 2) * 2 ** 24 + key(2, 1),
      key(3, 1) * 2 ** 24 + key(200, 300),
    ]);
    // A later part of the search saw both pairs the other way round: neither is a timing pair any more.
    const merged = new ConcurrencyLog();
    merged.begin([], []);
    merged.absorb(state);
    expect(merged.timingExamples()).toHaveLength(2);
    merged.unordered('stdout', event(2, 1, 10), event(1, 2, 20));
    merged.unordered('stdout', event(3, 1, 10), event(200, 300, 20));
    expect(merged.timingExamples()).toEqual([]);
    expect(merged.exportState().pairs).toEqual([
      ['stdout', state.pairs[0]![1].map(([k, s]) => [k, { ...s, orders: 3 }])],
    ]);
  });

  it('keeps apart pairs of tiny events whatever their numbers add up to', () => {
    const log = new ConcurrencyLog();
    log.begin([], []);
    log.unordered('x', event(0, 1, 1), event(0, 2, 2));
    log.unordered('x', event(0, 0, 1), event(0, 3, 2));
    log.unordered('x', event(0, 3, 1), event(0, 0, 2));
    expect(log.timingExamples().map((e) => [e.first.epoch, e.second.epoch])).toEqual([[1, 2]]);
  });

  it('tells apart any two pairs of events, small or large', () => {
    // Mostly tiny events (task and epoch below 8, found by index), then small (below 128), then any.
    const part = (max: number) =>
      fc.oneof({ arbitrary: fc.nat(7), weight: 6 }, { arbitrary: fc.nat(200), weight: 2 }, fc.nat(max));
    const ev = fc.record({ task: part(255), epoch: part(65535) });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(ev, ev), { minLength: 1, maxLength: 8, selector: ([a, b]) => pairId(a, b) }),
        (pairs) => {
          const log = new ConcurrencyLog();
          log.begin([], []);
          // Each distinct pair once, in one order, after a sleep: each is a timing pair of its own.
          for (const [a, b] of pairs) log.unordered('x', event(a.task, a.epoch, 1), event(b.task, b.epoch, 2));
          expect(log.timingExamples()).toHaveLength(pairs.length);
        },
      ),
    );
  });
});

/** The same pair whichever event is first. */
function pairId(a: { task: number; epoch: number }, b: { task: number; epoch: number }): string {
  const x = `${a.task}:${a.epoch}`;
  const y = `${b.task}:${b.epoch}`;
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}
