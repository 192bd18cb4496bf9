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
 * runs: test/unit/explore/alea.spec.ts compares the two over many seeds.
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

  /** Takes generator `i`'s state from a batch made by seedBatch. */
  seedFrom(states: Float64Array, i: number): void {
    this.s0 = states[3 * i]!;
    this.s1 = states[3 * i + 1]!;
    this.s2 = states[3 * i + 2]!;
    this.c = 1;
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
    this.s0 = fromSpaces(0, h0);
    this.s1 = fromSpaces(1, h1);
    this.s2 = fromSpaces(2, h2);
    this.c = 1;
  }
}

/** Alea's initial state word `i`: mash(' ') minus the seed's hash, wrapped into [0, 1). */
function fromSpaces(i: 0 | 1 | 2, h: number): number {
  const s = SPACES[i] - h;
  return s < 0 ? s + 1 : s;
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

/** Generators seeded at once by seedBatch. */
export const BATCH = 8;
/** The most decimal digits of a seed (2^53 has 16). */
const MAX_DIGITS = 16;
/** Per generator of a batch: its seed's decimal digits, most significant first, as character codes. */
const CODES = new Uint8Array(BATCH * MAX_DIGITS);
const LENGTHS = new Int32Array(BATCH);
/** 10^i for i < MAX_DIGITS: a seed has i + 1 digits or more when it is at least 10^i. */
const POWERS_OF_TEN = Array.from({ length: MAX_DIGITS }, (_, i) => 10 ** i);
/** Per generator of a batch: Mash's state at the end of each of the three passes. */
const ENDS = new Float64Array(3 * BATCH);

/**
 * The states of eight generators at once, as `seedInt` would leave them for
 * `seeds[0..8)` (whole numbers below 2^53): generator i's three words go to
 * `out[3i..3i+3)`, for Alea.seedFrom.
 *
 * Why eight at once: Mash is one chain of floating-point steps, each waiting
 * on the one before (30 of them for a 10-digit seed), so seeding a single
 * generator leaves most of the processor idle. Eight independent chains,
 * step by step side by side, keep it busy, and a random exploration seeds a
 * generator for every execution (see RunSeeds). The chains run pass by pass
 * (Alea mashes the seed's digits three times) and keep only each pass's
 * final state. With the digits of a 32-bit seed taken by integer steps:
 * about 110 ns a generator, against 190 ns with `%` and Math.floor, and
 * 210 ns with four chains that stored every step.
 */
export function seedBatch(seeds: ArrayLike<number>, out: Float64Array): void {
  let longest = 0;
  for (let j = 0; j < BATCH; j++) {
    const n = seeds[j]!;
    let len = 1;
    while (len < MAX_DIGITS && n >= POWERS_OF_TEN[len]!) len++;
    let m = n;
    if (n < 0x100000000) {
      // An execution's seed is 32-bit: a quotient below 2^32 truncates with `>>> 0`, and
      // m - 10q is the digit, where `%` and Math.floor on a number above 2^31 cost several
      // times the whole Mash chain.
      for (let p = len - 1; p >= 0; p--) {
        const q = (m / 10) >>> 0;
        CODES[j * MAX_DIGITS + p] = 48 + m - q * 10; // '0' + digit
        m = q;
      }
    } else {
      for (let p = len - 1; p >= 0; p--) {
        CODES[j * MAX_DIGITS + p] = 48 + (m % 10);
        m = Math.floor(m / 10);
      }
    }
    LENGTHS[j] = len;
    if (len > longest) longest = len;
  }
  const l0 = LENGTHS[0]!;
  const l1 = LENGTHS[1]!;
  const l2 = LENGTHS[2]!;
  const l3 = LENGTHS[3]!;
  const l4 = LENGTHS[4]!;
  const l5 = LENGTHS[5]!;
  const l6 = LENGTHS[6]!;
  const l7 = LENGTHS[7]!;
  let n0 = MASH_AFTER_SPACES;
  let n1 = n0;
  let n2 = n0;
  let n3 = n0;
  let n4 = n0;
  let n5 = n0;
  let n6 = n0;
  let n7 = n0;
  for (let pass = 0; pass < 3; pass++) {
    for (let p = 0; p < longest; p++) {
      if (p < l0) n0 = mix(n0, CODES[p]!);
      if (p < l1) n1 = mix(n1, CODES[MAX_DIGITS + p]!);
      if (p < l2) n2 = mix(n2, CODES[2 * MAX_DIGITS + p]!);
      if (p < l3) n3 = mix(n3, CODES[3 * MAX_DIGITS + p]!);
      if (p < l4) n4 = mix(n4, CODES[4 * MAX_DIGITS + p]!);
      if (p < l5) n5 = mix(n5, CODES[5 * MAX_DIGITS + p]!);
      if (p < l6) n6 = mix(n6, CODES[6 * MAX_DIGITS + p]!);
      if (p < l7) n7 = mix(n7, CODES[7 * MAX_DIGITS + p]!);
    }
    ENDS[pass] = n0;
    ENDS[3 + pass] = n1;
    ENDS[6 + pass] = n2;
    ENDS[9 + pass] = n3;
    ENDS[12 + pass] = n4;
    ENDS[15 + pass] = n5;
    ENDS[18 + pass] = n6;
    ENDS[21 + pass] = n7;
  }
  // mash() returns (state >>> 0) / 2^32 at the end of each pass.
  for (let i = 0; i < 3 * BATCH; i++)
    out[i] = fromSpaces((i % 3) as 0 | 1 | 2, (ENDS[i]! >>> 0) * 2.3283064365386963e-10);
}
