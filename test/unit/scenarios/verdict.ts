/**
 * Helpers for the scenario stories' tests: each test explores a scenario of
 * scenarios/ exhaustively and checks the verdict written at its top.
 */
import { explore, type Exploration, type Scenario } from '../../../src/index.js';

const key = (r: Exploration): string =>
  JSON.stringify([
    r.outcomes.map((o) => JSON.stringify([o.output, o.value, o.result, o.unfinished])).sort(),
    kinds(r),
  ]);

/**
 * Explores `scenario` (from scenarios/`file`) exhaustively — the verdicts
 * give its execution counts — and checks that the default strategy, dpor,
 * finds the same outcomes and findings; fails unless both searches completed.
 */
export async function exploreStory(scenario: Scenario, file: string): Promise<Exploration> {
  const r = await explore(scenario, { strategy: 'exhaustive', file: `scenarios/${file}` });
  if (!r.complete) throw new Error(`exploring ${file} did not complete`);
  const d = await explore(scenario, { file: `scenarios/${file}` });
  if (!d.complete || d.strategy !== 'dpor') throw new Error(`exploring ${file} with dpor did not complete`);
  if (key(d) !== key(r)) throw new Error(`dpor and exhaustive disagree on ${file}`);
  return r;
}

/**
 * The kinds of the findings, sorted: the verdicts say which findings there
 * are, not in what order a report lists them.
 */
export function kinds(r: Exploration): string[] {
  return r.findings.map((f) => f.kind).sort();
}

/** Each outcome's output, result and value, sorted by output. */
export function outcomes(r: Exploration): [string[], string, unknown][] {
  return r.outcomes
    .map((o): [string[], string, unknown] => [o.output, o.result, o.value])
    .sort((a, b) => (JSON.stringify(a[0]) < JSON.stringify(b[0]) ? -1 : 1));
}
