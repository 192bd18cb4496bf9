/**
 * seedrandom's `alea` generator (Johannes Baagøe's Alea, as seedrandom 3
 * implements it), giving the same numbers for the same seed string, but
 * reseedable in place.
 *
 * Why not call `seedrandom.alea(String(seed))` for every execution, as
 * before: each call builds a generator object, a Mash closure and four method
 * closures, and a random exploration reseeds once per execution, so for small
 * scenarios that was one of the largest costs of an execution. The numbers
 * must stay exactly seedrandom's, or recorded seeds would replay different
 * runs: bench/alea-check.ts compares the two over many seeds.
 */
export class Alea {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private c = 1;

  constructor(seed = '') {
    this.seed(seed);
  }

  /** Restarts the sequence from `seed`, as `seedrandom.alea(seed)` starts it. */
  seed(seed: string): void {
    // Baagøe's seeding: the state starts from mash(' ') three times, then
    // mash(seed) three times is subtracted, with Mash's state carried along.
    // The first part does not depend on the seed: it is computed once, below.
    mashState = MASH_AFTER_SPACES;
    const h0 = mash(seed);
    const h1 = mash(seed);
    this.init(h0, h1, mash(seed));
  }

  /**
   * `seed(String(n))` for a whole number 0 ≤ n < 2^53, without making the
   * string: converting a number above 2^31 to a string cost as much as the
   * rest of the seeding.
   */
  seedInt(n: number): void {
    let len = 0;
    do {
      DIGITS[len++] = 48 + (n % 10); // '0' + digit, least significant first
      n = Math.floor(n / 10);
    } while (n > 0);
    mashState = MASH_AFTER_SPACES;
    const h0 = mashDigits(len);
    const h1 = mashDigits(len);
    this.init(h0, h1, mashDigits(len));
  }

  /** The next number in [0, 1), as the generator function `seedrandom.alea` returns. */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }

  private init(h0: number, h1: number, h2: number): void {
    let s0 = SPACES[0] - h0;
    if (s0 < 0) s0 += 1;
    let s1 = SPACES[1] - h1;
    if (s1 < 0) s1 += 1;
    let s2 = SPACES[2] - h2;
    if (s2 < 0) s2 += 1;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = 1;
  }
}

// Baagøe's Mash. Its state carries from one call to the next within one
// seeding; it lives here rather than in a closure so that seeding allocates
// nothing (a seeding runs start to end synchronously).
let mashState = 0;

/** Mash's step for one character code. */
function mix(n: number, code: number): number {
  n += code;
  let h = 0.02519603282416938 * n;
  // seedrandom writes `h >>> 0`; h is in [0, 2^32) here (n < 2^32 + 2^27), where
  // that is Math.floor(h), which V8 computes about twice as fast.
  n = Math.floor(h);
  h -= n;
  h *= n;
  n = Math.floor(h);
  h -= n;
  return n + h * 0x100000000; // 2^32
}

/** Mashes `data` into mashState; returns a hash in [0, 1). */
function mash(data: string): number {
  let n = mashState;
  for (let i = 0; i < data.length; i++) n = mix(n, data.charCodeAt(i));
  mashState = n;
  return (n >>> 0) * 2.3283064365386963e-10; // 2^-32
}

/** Decimal digits of Alea.seedInt's number, least significant first, as character codes. */
const DIGITS = new Uint8Array(16);

/** mash() of the decimal string in DIGITS[0..len), most significant digit first. */
function mashDigits(len: number): number {
  let n = mashState;
  for (let i = len - 1; i >= 0; i--) n = mix(n, DIGITS[i]!);
  mashState = n;
  return (n >>> 0) * 2.3283064365386963e-10; // 2^-32
}

mashState = 0xefc8249d;
const SPACES = [mash(' '), mash(' '), mash(' ')] as const;
const MASH_AFTER_SPACES = mashState;
