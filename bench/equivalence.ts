/**
 * Checks that the fast paths of the hot loop compute exactly what the plain
 * code they replaced computed:
 *
 * - src/explore/alea.ts gives seedrandom's alea numbers, seeded from a string
 *   and from a whole number (seedInt(n) must be seed(String(n))), so that
 *   recorded seeds replay the same runs;
 * - OutcomeTable groups executions as a Map keyed by
 *   JSON.stringify([result, unfinished, value, output]) does, in the signature
 *   mode and after it has switched to its exact index.
 *
 *   npx tsx bench/equivalence.ts
 */
import seedrandom from 'seedrandom';
import { Alea } from '../src/explore/alea.js';
import { OutcomeTable } from '../src/explore/outcomes.js';
import { runSeed } from '../src/explore/seed.js';
import type { ExecutionResult, ResultKind } from '../src/runtime/execution.js';

let failures = 0;
const fail = (message: string): void => {
  if (failures++ < 10) console.error(message);
};

// --- alea -------------------------------------------------------------------

const ints: number[] = [0, 1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 53 - 1];
for (let k = 0; k < 100000; k++) ints.push(runSeed(k % 7, k));
for (let s = 0; s < 2000; s++) ints.push(s);
const strings = ['', ' ', 'hello', 'é€😀', ...ints.slice(0, 20000).map(String)];

const mine = new Alea();
const compare = (seed: string, reseed: () => void): void => {
  const ref = seedrandom.alea(seed);
  reseed();
  for (let i = 0; i < 40; i++) {
    const a = ref();
    const b = mine.next();
    if (a !== b) return fail(`alea: seed ${JSON.stringify(seed)}, number ${i}: seedrandom ${a}, ours ${b}`);
  }
};
for (const s of strings) compare(s, () => mine.seed(s));
for (const n of ints) compare(String(n), () => mine.seedInt(n));
console.log(`alea: ${strings.length} string seeds and ${ints.length} integer seeds × 40 numbers compared`);

// --- outcome table ------------------------------------------------------------

// Random outcomes from small alphabets, so that they repeat, and lines that
// differ only where the signature does not look, so that it collides.
function outcomes(seed: string, count: number, collide: boolean): ExecutionResult[] {
  const rng = seedrandom.alea(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const results: ResultKind[] = ['ok', 'ok', 'ok', 'panic', 'deadlock', 'violation', 'step-limit'];
  const values: unknown[] = [null, null, 1, 2, 'x', '1', [1], { a: 1 }, { a: '1' }, true];
  const XYZ = ['x', 'y', 'z'];
  const line = (): string =>
    collide
      ? `a${pick(XYZ)}c${pick(XYZ)}e${pick(XYZ)}g${pick(XYZ)}i`
      : pick(['a', 'b', 'a b', 'é', '"q"', '', 'a\u0000b', 'x'.repeat(30)]);
  const out: ExecutionResult[] = [];
  for (let i = 0; i < count; i++) {
    const output = Array.from({ length: Math.floor(rng() * 5) }, line);
    const unfinished = rng() < 0.3 ? [pick(['t1', 't2', 'Pam'])] : [];
    out.push({
      output,
      value: pick(values),
      result: pick(results),
      unfinished,
      steps: i,
      time: 0,
      choices: [i],
      violations: [],
    });
  }
  return out;
}

for (const [seed, collide] of [
  ['plain', false],
  ['collide', true],
] as const) {
  const rs = outcomes(seed, 20000, collide);
  const table = new OutcomeTable();
  const reference = new Map<string, { count: number; first: number }>();
  rs.forEach((r, i) => {
    table.add(r, i, undefined);
    const key = JSON.stringify([r.result, r.unfinished, r.value, r.output]);
    const known = reference.get(key);
    if (known === undefined) reference.set(key, { count: 1, first: i });
    else known.count++;
  });
  const got = table.sorted().map((o) => `${o.firstExecution}:${o.count}`);
  const want = [...reference.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((o) => `${o.first}:${o.count}`);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    fail(`outcome table (${seed}): ${got.length} outcomes, the JSON key finds ${want.length}`);
  }
  const exact = (table as unknown as { exact: unknown }).exact !== undefined;
  if (exact !== collide) fail(`outcome table (${seed}): expected ${collide ? '' : 'no '}switch to the exact index`);
  console.log(
    `outcome table (${seed}${exact ? ', exact index' : ''}): ${want.length} outcomes in ${rs.length} executions compared`,
  );
}

console.log(failures === 0 ? 'all identical' : `${failures} differences`);
process.exitCode = failures === 0 ? 0 : 1;
