import { OptionError } from '../errors.js';
import { loadFile, scenarioFiles, type LoadedScenario } from './load.js';

/** Loads every scenario of `paths`, keeping only `name` when given. */
export async function selectScenarios(paths: readonly string[], name: string | undefined): Promise<LoadedScenario[]> {
  const all: LoadedScenario[] = [];
  for (const file of await scenarioFiles(paths)) all.push(...(await loadFile(file)));
  if (name === undefined) return all;
  const picked = all.filter((l) => l.scenario.name === name);
  if (picked.length === 0) {
    throw new OptionError(
      `no scenario named "${name}" in ${paths.join(', ')} (found: ${all.map((l) => l.scenario.name).join(', ')})`,
    );
  }
  return picked;
}
