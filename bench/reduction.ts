/**
 * `npm run bench`: how much partial-order reduction saves, on families whose
 * number of equivalence classes is known. Execution counts, not times: they
 * do not depend on the machine. `dpor` must run exactly one execution per
 * class; `exhaustive` runs every interleaving (left out past a budget).
 */
import { explore, type Scenario } from '../src/index.js';
import { independent } from '../scenarios/independent.js';
import { readers } from '../scenarios/readers.js';

const EXHAUSTIVE_BUDGET = 200_000;

interface Family {
  scenario: Scenario;
  /** Mazurkiewicz classes, by arithmetic. */
  classes: number;
}

const families: Family[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ scenario: readers(n), classes: 2 ** n })),
  ...[2, 3, 4].map((k) => ({ scenario: independent(k), classes: 1 })),
];

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The table's lines, and a problem when dpor's count is not the class count. */
export async function reductionTable(): Promise<{ lines: string[]; problem?: string }> {
  const rows: string[][] = [['family', 'classes', 'dpor', 'redundant', 'exhaustive', 'exhaustive ÷ dpor']];
  const problems: string[] = [];
  for (const f of families) {
    const d = await explore(f.scenario, { strategy: 'dpor', maxExecutions: 10_000_000 });
    const e = await explore(f.scenario, { strategy: 'exhaustive', maxExecutions: EXHAUSTIVE_BUDGET });
    if (d.executions !== f.classes || !d.complete) {
      problems.push(`${f.scenario.name}: dpor ran ${d.executions} executions for ${f.classes} classes`);
    }
    rows.push([
      f.scenario.name,
      fmt(f.classes),
      fmt(d.executions),
      fmt(d.redundant),
      e.complete ? fmt(e.executions) : `> ${fmt(EXHAUSTIVE_BUDGET)}`,
      e.complete ? `${(e.executions / d.executions).toFixed(1)}×` : `> ${(EXHAUSTIVE_BUDGET / d.executions).toFixed(0)}×`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const lines = [
    'partial-order reduction: executions to explore every equivalence class (counts, not times)',
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
  ];
  return problems.length > 0 ? { lines, problem: problems.join('; ') } : { lines };
}
