import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Alea, BATCH, seedBatch } from '../../../src/explore/alea.js';
import { runSeed, RunSeeds } from '../../../src/explore/seed.js';

// The random strategy draws from an in-tree copy of seedrandom's alea (one
// generator reseeded per execution instead of one built per execution); it
// must give exactly seedrandom's numbers, so that seeds mean what they say.
describe('Alea', () => {
  it('gives seedrandom.alea’s numbers for whole-number seeds', () => {
    const mine = new Alea();
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.maxSafeNat()), (n) => {
        const ref = seedrandom.alea(String(n));
        mine.seedInt(n);
        for (let i = 0; i < 20; i++) expect(mine.next()).toBe(ref());
      }),
    );
  });

  it('and for string seeds', () => {
    const mine = new Alea();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const ref = seedrandom.alea(s);
        mine.seed(s);
        for (let i = 0; i < 20; i++) expect(mine.next()).toBe(ref());
      }),
    );
  });

  const wholeSeed = fc.oneof(
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.integer({ min: 0, max: 999 }),
    fc.maxSafeNat(),
  );

  it('seeds eight generators at once exactly as seedInt seeds each, whatever their lengths', () => {
    expect(BATCH).toBe(8);
    const out = new Float64Array(3 * BATCH);
    const one = new Alea();
    const batched = new Alea();
    fc.assert(
      fc.property(fc.array(wholeSeed, { minLength: BATCH, maxLength: BATCH }), (seeds) => {
        seedBatch(seeds, out);
        for (let j = 0; j < BATCH; j++) {
          one.seedInt(seeds[j]!);
          batched.seedFrom(out, j);
          for (let i = 0; i < 5; i++) expect(batched.next()).toBe(one.next());
        }
      }),
    );
  });

  it('gives execution k of seed S the generator of runSeed(S, k), in any order of k', () => {
    const ref = new Alea();
    const rng = new Alea();
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 30 }), (seed, ks) => {
        const seeds = new RunSeeds(seed);
        for (const k of ks) {
          expect(seeds.seedRun(rng, k)).toBe(runSeed(seed, k));
          ref.seedInt(runSeed(seed, k));
          for (let i = 0; i < 3; i++) expect(rng.next()).toBe(ref.next());
        }
      }),
    );
  });
});
