import { readFile } from 'node:fs/promises';
import { InterleaveError } from '../errors.js';
import { mergeShardReports, type ShardReport } from '../parallel/merge-reports.js';
import { renderText, summaryLine } from '../report/text.js';
import type { Io } from './io.js';
import { parseReports } from './report-command.js';

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
  const merged = mergeShardReports(inputs);
  for (const [i, r] of merged.entries()) {
    io.out(args.format === 'json' ? JSON.stringify(r) : `${i > 0 ? '\n' : ''}${renderText(r, { color: io.color })}`);
  }
  if (args.format !== 'json' && merged.length > 1) io.out(`\n${summaryLine(merged)}`);
  return merged.some((r) => r.findings.length > 0) ? 1 : 0;
}
