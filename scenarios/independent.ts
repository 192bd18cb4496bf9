/**
 * independent(k): k tasks, each updating a shared variable of its own three
 * times. No step of one task depends on a step of another, so every
 * interleaving is equivalent: one equivalence class. `exhaustive` runs all
 * (3k)! / (3!)^k interleavings; `dpor` runs exactly one execution.
 *
 * Expected verdict (for every k): 1 outcome (main returns every counter, 3
 * each), no finding, exit code 0.
 */
import type { Scenario } from 'interleave';

export function independent(k: number): Scenario {
  return {
    name: `independent(${k})`,
    async main({ go, shared }) {
      const tasks = Array.from({ length: k }, (_, i) =>
        go(async () => {
          const v = shared(`v${i + 1}`, 0);
          for (let j = 0; j < 3; j++) await v.update((n) => n + 1);
          return v.get();
        }, `t${i + 1}`),
      );
      const out: number[] = [];
      for (const t of tasks) out.push((await t.join()) as number);
      return out;
    },
  };
}

export default [2, 3, 4].map(independent);
