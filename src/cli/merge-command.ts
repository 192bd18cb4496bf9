import { readFile } from 'node:fs/promises';
import { InterleaveError } from '../errors.js';
import { mergeShardReports, type ShardReport } from '../parallel/merge-reports.js';
import { renderText, summaryLine } from '../report/text.js';
import type { Exploration } from '../report/report.js';
import type { Scenario } from '../runtime/scenario.js';
import type { Io } from './io.js';
import { loadFile } from './load.js';
import { parseReports } from './report-command.js';

/** The scenario of a shard report, from the file it names (relative to the working directory, as explore wrote it). */
async function loadReportScenario(
  report: Exploration,
  where: string,
): Promise<{ scenario: Scenario; selectByName: boolean }> {
  const file = report.scenario.file;
  if (file === null) {
    throw new InterleaveError(
      'INTERLEAVE_SHARD_MISMATCH',
      `${where}: the report of "${report.scenario.name}" names no scenario file; merge replays a few executions of the scenario to derive the whole run's findings`,
    );
  }
  const found = (await loadFile(file)).find((l) => l.scenario.name === report.scenario.name);
  if (found === undefined) {
    throw new InterleaveError(
      'INTERLEAVE_SHARD_MISMATCH',
      `${where}: ${file} has no scenario named "${report.scenario.name}" any more`,
    );
  }
  return { scenario: found.scenario, selectByName: found.selectByName };
}

/**
 * `interleave merge <reports..>`: the shards' JSON reports (explore --shard
 * i/n --format json) joined into the report of the whole run, printed as
 * explore prints it; exit 1 when it has a finding.
 */
export async function mergeCommand(args: { files: string[]; format: string }, io: Io): Promise<number> {
  const inputs: ShardReport[] = [];
  for (const file of args.files) {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new InterleaveError('INTERLEAVE_FILE_NOT_FOUND', `${file}: no such file`);
    });
    const reports = parseReports(file, text);
    reports.forEach((report, i) => inputs.push({ report, where: reports.length > 1 ? `${file} [${i + 1}]` : file }));
  }
  const merged = await mergeShardReports(inputs, loadReportScenario);
  for (const [i, r] of merged.entries()) {
    io.out(args.format === 'json' ? JSON.stringify(r) : `${i > 0 ? '\n' : ''}${renderText(r, { color: io.color })}`);
  }
  if (args.format !== 'json' && merged.length > 1) io.out(`\n${summaryLine(merged)}`);
  return merged.some((r) => r.findings.length > 0) ? 1 : 0;
}
