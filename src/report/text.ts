import { createColors } from 'picocolors';
import type { Exploration, Outcome } from './report.js';
import { clip, outcomeNotes, restSummary, share, status, unseenSentence } from './view.js';
import { otherSentence, truncateText } from './truncate.js';

export interface TextOptions {
  /** ANSI colours; only on a terminal. @default false */
  color?: boolean;
  /** Outcomes shown in full; the rest are summarised. @default 20 */
  maxOutcomes?: number;
  /** Output lines shown per outcome. @default 12 */
  maxLines?: number;
}

const WIDTH = 100;

/** The report a person reads first: findings, then the outcomes as a table with replay commands. */
export function renderText(r: Exploration, options: TextOptions = {}): string {
  const c = createColors(options.color ?? false);
  const maxOutcomes = options.maxOutcomes ?? 20;
  const maxLines = options.maxLines ?? 12;
  const lines: string[] = [];
  const n = r.outcomes.length;
  lines.push(`${c.bold(r.scenario.name)}${r.scenario.file !== null ? c.dim(`  ${r.scenario.file}`) : ''}`);
  const seed = r.strategy === 'random' ? ` (seed ${r.seed})` : r.strategy === 'pct' ? ` (seed ${r.seed}, depth ${r.options.depth})` : '';
  const execs = `${r.executions.toLocaleString('en-US')} execution${r.executions === 1 ? '' : 's'}`;
  const st = status(r);
  lines.push(
    `${r.strategy}${seed} · ${execs} · ${r.complete ? c.green(st) : c.yellow(st)} · ` +
      `${n} outcome${n === 1 ? '' : 's'} · ${r.elapsedMs.toFixed(1)} ms`,
  );
  const unseen = unseenSentence(r);
  if (unseen !== undefined) lines.push(c.dim(unseen));
  lines.push('');
  if (r.findings.length > 0) {
    lines.push(c.bold('findings'));
    const kw = Math.max(...r.findings.map((f) => f.kind.length));
    for (const f of r.findings) {
      const ref = f.outcome !== undefined && n > 1 ? c.dim(` → outcome #${f.outcome + 1}`) : '';
      lines.push(`  ${c.red(f.kind.padEnd(kw))}  ${truncateText(f.message)}${ref}`);
    }
  } else {
    lines.push(c.green('no findings: one outcome, and no panic, deadlock, violation or lost task'));
  }
  lines.push('');
  lines.push(c.bold('outcomes'));
  const total = r.outcomes.reduce((s, o) => s + o.count, 0);
  const numW = Math.max(1, String(Math.min(n, maxOutcomes)).length) + 1;
  const countW = Math.max(5, String(r.outcomes[0]?.count ?? 0).length);
  const resW = Math.max(6, ...r.outcomes.slice(0, maxOutcomes).map((o) => o.result.length));
  const head = `  ${'#'.padStart(numW)}  ${'count'.padStart(countW)}  ${'share'.padStart(6)}  ${'result'.padEnd(resW)}  `;
  lines.push(c.dim(`${head}output`));
  const indent = ' '.repeat(head.length);
  r.outcomes.slice(0, maxOutcomes).forEach((o, i) => {
    const prefix =
      `  ${`#${i + 1}`.padStart(numW)}  ${String(o.count).padStart(countW)}  ${share(o.count, total).padStart(6)}  ` +
      `${(o.result === 'ok' ? c.green : c.red)(o.result.padEnd(resW))}  `;
    const body = outcomeBody(o, maxLines).map((l) => clip(l, Math.max(20, WIDTH - head.length)));
    lines.push(prefix + (body[0] ?? ''));
    for (const l of body.slice(1)) lines.push(indent + l);
    if (o.preemptions !== undefined) {
      // The schedule was shrunk to the fewest preemptions that still give this outcome (see explore/minimize.ts).
      const p = `${o.preemptions} preemption${o.preemptions === 1 ? '' : 's'}`;
      lines.push(`${indent}${c.dim(`schedule: ${p}${o.firstSchedule !== undefined ? ' (the fewest found; first seen as ' + o.firstSchedule + ')' : ' (the fewest found)'}`)}`);
    }
    lines.push(`${indent}${c.dim('replay:')} ${c.cyan(o.replay)}`);
  });
  const rest = restSummary(r, maxOutcomes);
  if (rest !== undefined) lines.push(`  ${rest}; --format json lists them all`);
  if (r.otherOutcomes !== undefined) lines.push(`  ${otherSentence(r.otherOutcomes)}`);
  return lines.join('\n');
}

function outcomeBody(o: Outcome, maxLines: number): string[] {
  const body: string[] = [];
  if (o.output.length === 0) body.push('(no output)');
  for (const l of o.output.slice(0, maxLines)) body.push(l);
  if (o.output.length > maxLines) body.push(`… ${o.output.length - maxLines} more lines`);
  body.push(...outcomeNotes(o));
  return body;
}

/** The closing line of a run over several scenarios. */
export function summaryLine(reports: readonly Exploration[]): string {
  const flagged = reports.filter((r) => r.findings.length > 0).length;
  return `${reports.length} scenarios: ${flagged} with findings, ${reports.length - flagged} without`;
}
