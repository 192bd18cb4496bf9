import { readFile } from 'node:fs/promises';
import { InterleaveError } from '../errors.js';
import type { Exploration } from '../report/report.js';
import { renderText, summaryLine } from '../report/text.js';
import type { Io } from './io.js';

const notReport = (where: string, why: string): InterleaveError =>
  new InterleaveError('INTERLEAVE_NOT_A_REPORT', `${where}: ${why}, so not an interleave report`);

function checkReport(r: unknown, where: string): Exploration {
  const ok = r !== null && typeof r === 'object' && 'scenario' in r && Array.isArray((r as Exploration).outcomes);
  if (!ok) throw notReport(where, 'no scenario and outcomes');
  return r as Exploration;
}

/** One report per line as explore writes them, or one JSON document (a report, or an array of them, pretty-printed or not). */
export function parseReports(file: string, text: string): Exploration[] {
  if (text.trim() === '') throw notReport(file, 'empty');
  try {
    const whole: unknown = JSON.parse(text);
    return Array.isArray(whole) ? whole.map((r, i) => checkReport(r, `${file} [${i}]`)) : [checkReport(whole, file)];
  } catch (e) {
    if (e instanceof InterleaveError) throw e;
  }
  const reports: Exploration[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      throw notReport(`${file}:${i + 1}`, 'not JSON');
    }
    reports.push(checkReport(r, `${file}:${i + 1}`));
  });
  return reports;
}

/** `interleave report <json>`: renders a saved JSON report (one object per line) again. */
export async function reportCommand(args: { file: string; format: string }, io: Io): Promise<number> {
  const text = await readFile(args.file, 'utf8').catch(() => {
    throw new InterleaveError('INTERLEAVE_FILE_NOT_FOUND', `${args.file}: no such file`);
  });
  const reports = parseReports(args.file, text);
  for (const [i, r] of reports.entries()) {
    io.out(args.format === 'json' ? JSON.stringify(r) : `${i > 0 ? '\n' : ''}${renderText(r, { color: io.color })}`);
  }
  if (args.format !== 'json' && reports.length > 1) io.out(`\n${summaryLine(reports)}`);
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}
