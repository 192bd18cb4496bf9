import { listFiles } from '../isolate/list-files.js';
import type { Io } from './io.js';
import { scenarioFiles } from './load.js';
import { loadFlags, parseLimits, type LoadArgs } from './safety-flags.js';

export interface ListArgs extends LoadArgs {
  dir: string;
}

export const listFlags = loadFlags;

/** `interleave list [dir]`: every scenario file and the scenarios in it. */
export async function listCommand(args: ListArgs, io: Io): Promise<number> {
  const limits = parseLimits(args);
  let failed = 0;
  // The files are imported in a worker under the watchdog (src/isolate): one that spins at import is reported, not a frozen list.
  // A file that does not load is reported and the listing goes on.
  const listed = await listFiles(await scenarioFiles([args.dir]), limits, (e) => {
    io.err(`interleave: ${e.message}`);
    failed++;
  });
  const rows = listed.map((l): [string, string, string] => [l.file, l.name, l.description ?? '']);
  const fw = Math.max(0, ...rows.map((r) => r[0].length));
  const nw = Math.max(0, ...rows.map((r) => r[1].length));
  for (const [f, n, d] of rows) io.out(`${f.padEnd(fw)}  ${n.padEnd(nw)}  ${d}`.trimEnd());
  return failed > 0 ? 2 : 0;
}
