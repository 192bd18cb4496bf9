/**
 * Checks that src/explore/alea.ts gives exactly seedrandom's alea numbers,
 * so that recorded seeds replay the same runs:
 *
 *   npx tsx bench/alea-check.ts
 */
import seedrandom from 'seedrandom';
import { Alea } from '../src/explore/alea.js';
import { runSeed } from '../src/explore/seed.js';

const seeds: string[] = ['', ' ', 'hello', 'é€😀', '0', '4294967295'];
for (let k = 0; k < 20000; k++) seeds.push(String(runSeed(k % 7, k)));
for (let s = 0; s < 2000; s++) seeds.push(String(s));

const mine = new Alea();
let bad = 0;
for (const s of seeds) {
  const ref = seedrandom.alea(s);
  mine.seed(s);
  for (let i = 0; i < 40; i++) {
    const a = ref();
    const b = mine.next();
    if (a !== b) {
      if (bad++ < 5) console.error(`seed ${JSON.stringify(s)}, number ${i}: seedrandom ${a}, ours ${b}`);
      break;
    }
  }
}
console.log(
  `${seeds.length} seeds × 40 numbers: ${bad === 0 ? 'identical to seedrandom.alea' : `${bad} seeds differ`}`,
);
process.exitCode = bad === 0 ? 0 : 1;
