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

/** The most decimal digits of a seed (2^53 has 16). */
const MAX_DIGITS = 16;
/** Per generator of a batch: the seed's digits three times over, and Mash's state after each. */
const STREAM = 3 * MAX_DIGITS;
const CODES = new Uint8Array(4 * STREAM);
const STATES = new Float64Array(4 * STREAM);
const LENGTHS = new Int32Array(4);

/**
 * The states of four generators at once, as `seedInt` would leave them for
 * `seeds[0..4)` (whole numbers below 2^53): generator i's three words go to
 * `out[3i..3i+3)`, for Alea.seedFrom.
 *
 * Why four at once: Mash is one chain of floating-point steps, each waiting
 * on the one before (30 of them for a 10-digit seed), so seeding a single
 * generator leaves most of the processor idle. Four independent chains, step
 * by step side by side, take about the time of two, and a random exploration
 * seeds a generator for every execution (see RunSeeds).
 */
export function seedBatch(seeds: ArrayLike<number>, out: Float64Array): void {
  let longest = 0;
  for (let j = 0; j < 4; j++) {
    // The digits, most significant first, written three times: what mash() reads in the three passes.
    const base = j * STREAM;
    let n = seeds[j]!;
    let len = 0;
    do {
      CODES[base + STREAM - 1 - len++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    for (let p = 0; p < len; p++) {
      const c = CODES[base + STREAM - len + p]!;
      CODES[base + p] = c;
      CODES[base + len + p] = c;
      CODES[base + 2 * len + p] = c;
    }
    LENGTHS[j] = len;
    if (3 * len > longest) longest = 3 * len;
  }
  const e0 = 3 * LENGTHS[0]!;
  const e1 = 3 * LENGTHS[1]!;
  const e2 = 3 * LENGTHS[2]!;
  const e3 = 3 * LENGTHS[3]!;
  let n0 = MASH_AFTER_SPACES;
  let n1 = n0;
  let n2 = n0;
  let n3 = n0;
  for (let p = 0; p < longest; p++) {
    if (p < e0) STATES[p] = n0 = mix(n0, CODES[p]!);
    if (p < e1) STATES[STREAM + p] = n1 = mix(n1, CODES[STREAM + p]!);
    if (p < e2) STATES[2 * STREAM + p] = n2 = mix(n2, CODES[2 * STREAM + p]!);
    if (p < e3) STATES[3 * STREAM + p] = n3 = mix(n3, CODES[3 * STREAM + p]!);
  }
  for (let j = 0; j < 4; j++) {
    const len = LENGTHS[j]!;
    const at = j * STREAM - 1;
    // mash() returns (state >>> 0) / 2^32 at the end of each pass.
    out[3 * j] = fromSpaces(0, (STATES[at + len]! >>> 0) * 2.3283064365386963e-10);
    out[3 * j + 1] = fromSpaces(1, (STATES[at + 2 * len]! >>> 0) * 2.3283064365386963e-10);
    out[3 * j + 2] = fromSpaces(2, (STATES[at + 3 * len]! >>> 0) * 2.3283064365386963e-10);
  }
}
