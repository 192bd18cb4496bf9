import { InterleaveError } from '../errors.js';
import type { Io } from './io.js';
import { loadFile, scenarioFiles } from './load.js';

/** `interleave list [dir]`: every scenario file and the scenarios in it. */
export async function listCommand(args: { dir: string }, io: Io): Promise<number> {
  const rows: [string, string, string][] = [];
  let failed = 0;
  // A file that does not load is reported and the listing goes on.
  for (const file of await scenarioFiles([args.dir])) {
    try {
      for (const { scenario } of await loadFile(file)) rows.push([file, scenario.name, scenario.description ?? '']);
    } catch (e) {
      if (!(e instanceof InterleaveError)) throw e;
      io.err(`interleave: ${e.message}`);
      failed++;
    }
  }
  const fw = Math.max(0, ...rows.map((r) => r[0].length));
  const nw = Math.max(0, ...rows.map((r) => r[1].length));
  for (const [f, n, d] of rows) io.out(`${f.padEnd(fw)}  ${n.padEnd(nw)}  ${d}`.trimEnd());
  return failed > 0 ? 2 : 0;
}
