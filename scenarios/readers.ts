/**
 * readers(n): one writer and n readers of one shared variable, the family
 * partial-order reduction is measured on. Each reader sees the value before
 * or after the write, independently of the others: 2^n outcomes, and 2^n
 * equivalence classes of executions (two reads commute; a read and the write
 * do not). `exhaustive` runs every interleaving, (n + 1)! × ... of them;
 * `dpor` runs exactly one execution per class: 2^n.
 *
 * Expected verdict (for every n): 2^n outcomes (main returns what each reader
 * saw); findings `ordering` and `race` (each read races with the write);
 * exit code 1.
 */
import type { Scenario } from 'interleave';

export function readers(n: number): Scenario {
  return {
    name: `readers(${n})`,
    async main({ go, shared }) {
      const x = shared('x', 0);
      const writer = go(() => x.set(1), 'writer');
      const tasks = Array.from({ length: n }, (_, i) => go(() => x.get(), `reader${i + 1}`));
      await writer.join();
      const seen: number[] = [];
      for (const t of tasks) seen.push((await t.join()) as number);
      return seen;
    },
  };
}

export default Array.from({ length: 8 }, (_, i) => readers(i + 1));
