/**
 * Checks that src/explore/alea.ts gives exactly seedrandom's alea numbers, so
 * that recorded seeds replay the same runs, both seeded from a string and
 * from a whole number (seedInt(n) must be seed(String(n))):
 *
 *   npx tsx bench/alea-check.ts
 */
import seedrandom from 'seedrandom';
import { Alea } from '../src/explore/alea.js';
import { runSeed } from '../src/explore/seed.js';

const ints: number[] = [0, 1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 53 - 1];
for (let k = 0; k < 100000; k++) ints.push(runSeed(k % 7, k));
for (let s = 0; s < 2000; s++) ints.push(s);
const strings = ['', ' ', 'hello', 'é€😀', ...ints.slice(0, 20000).map(String)];

const mine = new Alea();
let bad = 0;
const compare = (seed: string, reseed: () => void): void => {
  const ref = seedrandom.alea(seed);
  reseed();
  for (let i = 0; i < 40; i++) {
    const a = ref();
    const b = mine.next();
    if (a !== b) {
      if (bad++ < 5) console.error(`seed ${JSON.stringify(seed)}, number ${i}: seedrandom ${a}, ours ${b}`);
      return;
    }
  }
};
for (const s of strings) compare(s, () => mine.seed(s));
for (const n of ints) compare(String(n), () => mine.seedInt(n));
console.log(
  `${strings.length} string seeds and ${ints.length} integer seeds × 40 numbers: ` +
    (bad === 0 ? 'identical to seedrandom.alea' : `${bad} seeds differ`),
);
process.exitCode = bad === 0 ? 0 : 1;
