/**
 * Helpers for the scenario stories' tests: each test explores a scenario of
 * scenarios/ exhaustively and checks the verdict written at its top.
 */
import { explore, type Exploration, type Scenario } from '../../../src/index.js';

/** Explores `scenario` (from scenarios/`file`) exhaustively; fails unless the search completed. */
export async function exploreStory(scenario: Scenario, file: string): Promise<Exploration> {
  const r = await explore(scenario, { file: `scenarios/${file}` });
  if (!r.complete) throw new Error(`exploring ${file} did not complete`);
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
