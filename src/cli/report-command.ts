import { readFile } from 'node:fs/promises';
import { InterleaveError } from '../errors.js';
import type { Exploration } from '../report/report.js';
import { summaryLine } from '../report/text.js';
import { FORMATS, render, type Format } from '../report/index.js';
import { OptionError } from '../errors.js';
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

export interface ReportArgs {
  file: string;
  format: string;
  scenario?: string;
}

export const reportFlags = {
  format: { type: 'string', choices: FORMATS, default: 'text', describe: 'text, json (one object per line), md or html' },
  scenario: { type: 'string', describe: 'only the report of this scenario, when the file holds several' },
} as const;

/** `interleave report <json>`: renders a saved JSON report (one object per line) again. */
export async function reportCommand(args: ReportArgs, io: Io): Promise<number> {
  const text = await readFile(args.file, 'utf8').catch(() => {
    throw new InterleaveError('INTERLEAVE_FILE_NOT_FOUND', `${args.file}: no such file`);
  });
  const format = args.format as Format;
  let reports = parseReports(args.file, text);
  if (args.scenario !== undefined) {
    const all = reports;
    reports = all.filter((r) => r.scenario.name === args.scenario);
    if (reports.length === 0) {
      throw new OptionError(`${args.file} holds no report of a scenario named "${args.scenario}" (found: ${all.map((r) => r.scenario.name).join(', ')})`);
    }
  }
  if (format === 'html' && reports.length > 1) {
    throw new OptionError(
      `${args.file} holds ${reports.length} reports (${reports.map((r) => r.scenario.name).join(', ')}) and --format html prints one page; pick one with --scenario`,
    );
  }
  for (const [i, r] of reports.entries()) {
    io.out(format === 'json' ? render(r, format) : `${i > 0 ? '\n' : ''}${render(r, format, { color: io.color })}`);
  }
  if (format === 'text' && reports.length > 1) io.out(`\n${summaryLine(reports)}`);
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}
