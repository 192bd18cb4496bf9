import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Alea } from '../../../src/explore/alea.js';

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
});
