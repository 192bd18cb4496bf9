/**
 * Shared helpers for the unit tests: scenario builders, arithmetic oracles and
 * source-line lookups. Scenarios stay plain objects `{ name, async main(rt) }`.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exploration, Outcome, Scenario } from '../../src/index.js';

/** n! as a number (exact for the small n used here). */
export function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** (n1 + ... + nk)! / (n1! ... nk!): the number of interleavings of k sequences. */
export function multinomial(ns: readonly number[]): number {
  let total = 0;
  let denominator = 1;
  for (const n of ns) {
    total += n;
    denominator *= factorial(n);
  }
  return factorial(total) / denominator;
}

/** Line `i` of task `t` in the print scenarios: A0, A1, B0, ... */
export function lineName(task: number, i: number): string {
  return `${String.fromCharCode(65 + task)}${i}`;
}

/**
 * k tasks; task t prints ns[t] distinct lines, then calls wg.done(). main starts
 * them with go and waits with a WaitGroup.
 */
export function printTasks(ns: readonly number[]): Scenario {
  return {
    name: `print-tasks-${ns.join('x')}`,
    async main({ go, print, waitGroup }) {
      const wg = waitGroup();
      wg.add(ns.length);
      ns.forEach((n, t) => {
        go(
          async () => {
            for (let i = 0; i < n; i++) await print(lineName(t, i));
            wg.done();
          },
          lineName(t, 0).slice(0, 1),
        );
      });
      await wg.wait();
    },
  };
}

/** True when `output` is an interleaving of the tasks' lines: every line once, each task's in its order. */
export function isInterleaving(output: readonly string[], ns: readonly number[]): boolean {
  const total = ns.reduce((a, b) => a + b, 0);
  if (output.length !== total) return false;
  const next = ns.map(() => 0);
  for (const line of output) {
    const t = line.charCodeAt(0) - 65;
    if (t < 0 || t >= ns.length) return false;
    if (line !== lineName(t, next[t]!)) return false;
    next[t]!++;
  }
  return next.every((n, t) => n === ns[t]);
}

/** The identity of an outcome, as the exploration groups them. */
export function outcomeKey(o: Pick<Outcome, 'output' | 'value' | 'result' | 'unfinished'>): string {
  return JSON.stringify([o.output, o.value, o.result, o.unfinished]);
}

/** An exploration without its one wall-clock field. */
export function withoutElapsed(e: Exploration): Omit<Exploration, 'elapsedMs'> {
  const rest: Partial<Exploration> = { ...e };
  delete rest.elapsedMs;
  return rest as Omit<Exploration, 'elapsedMs'>;
}

/**
 * `file:line` (relative to the working directory, as interleave reports sites)
 * of the one line of the module that ends with the comment `// <marker>`.
 */
export function siteOf(moduleUrl: string, marker: string): string {
  const file = fileURLToPath(moduleUrl);
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (l.trimEnd().endsWith(`// ${marker}`) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`marker ${marker} found ${hits.length} times in ${file}`);
  return `${relative(process.cwd(), file)}:${hits[0]}`;
}

/** Two tasks that print "a" and "b"; main waits for both with a WaitGroup. */
export const twoPrinters: Scenario = {
  name: 'two-printers',
  async main({ go, print, waitGroup }) {
    const wg = waitGroup();
    wg.add(2);
    go(async () => {
      await print('a');
      wg.done();
    }, 'A');
    go(async () => {
      await print('b');
      wg.done();
    }, 'B');
    await wg.wait();
  },
};

/** Two tasks each `v = await x.get(); await x.set(v + 1)`; main waits with a WaitGroup and asserts x == 2. */
export const lostUpdate: Scenario = {
  name: 'lost-update-2',
  async main({ go, shared, waitGroup, assert }) {
    const x = shared('x', 0);
    const wg = waitGroup();
    wg.add(2);
    for (const name of ['A', 'B']) {
      go(async () => {
        const v = await x.get();
        await x.set(v + 1);
        wg.done();
      }, name);
    }
    await wg.wait();
    const v = await x.get();
    assert(v === 2, `x is ${v}`);
    return v;
  },
};
