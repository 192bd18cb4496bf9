import type { Io } from './io.js';
import { loadFile, scenarioFiles } from './load.js';

/** `interleave list [dir]`: every scenario file and the scenarios in it. */
export async function listCommand(args: { dir: string }, io: Io): Promise<number> {
  const rows: [string, string, string][] = [];
  for (const file of await scenarioFiles([args.dir])) {
    for (const { scenario } of await loadFile(file)) rows.push([file, scenario.name, scenario.description ?? '']);
  }
  const fw = Math.max(...rows.map((r) => r[0].length));
  const nw = Math.max(...rows.map((r) => r[1].length));
  for (const [f, n, d] of rows) io.out(`${f.padEnd(fw)}  ${n.padEnd(nw)}  ${d}`.trimEnd());
  return 0;
}
