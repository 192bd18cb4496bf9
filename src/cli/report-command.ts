import { readFile } from 'node:fs/promises';
import { InterleaveError } from '../errors.js';
import type { Exploration } from '../report/report.js';
import { renderText } from '../report/text.js';
import type { Io } from './io.js';

/** `interleave report <json>`: renders a saved JSON report (one object per line) again. */
export async function reportCommand(args: { file: string; format: string }, io: Io): Promise<number> {
  const text = await readFile(args.file, 'utf8').catch(() => {
    throw new InterleaveError('INTERLEAVE_FILE_NOT_FOUND', `${args.file}: no such file`);
  });
  const reports: Exploration[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      throw new InterleaveError('INTERLEAVE_NOT_A_REPORT', `${args.file}:${i + 1}: not JSON, so not an interleave report`);
    }
    const ok = r !== null && typeof r === 'object' && 'scenario' in r && 'outcomes' in r && Array.isArray((r as Exploration).outcomes);
    if (!ok) throw new InterleaveError('INTERLEAVE_NOT_A_REPORT', `${args.file}:${i + 1}: not an interleave report (no scenario and outcomes)`);
    reports.push(r as Exploration);
  });
  if (reports.length === 0) throw new InterleaveError('INTERLEAVE_NOT_A_REPORT', `${args.file}: empty, not an interleave report`);
  for (const [i, r] of reports.entries()) {
    io.out(args.format === 'json' ? JSON.stringify(r) : `${i > 0 ? '\n' : ''}${renderText(r, { color: io.color })}`);
  }
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}
