import { createColors } from 'picocolors';
import type { Exploration, Outcome } from './report.js';

export interface TextOptions {
  /** ANSI colours; only on a terminal. @default false */
  color?: boolean;
  /** Outcomes shown in full; the rest are summarised. @default 20 */
  maxOutcomes?: number;
  /** Output lines shown per outcome. @default 12 */
  maxLines?: number;
}

const WIDTH = 100;

function clip(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

function share(count: number, total: number): string {
  return total === 0 ? '-' : `${((100 * count) / total).toFixed(1)}%`;
}

function status(r: Exploration): string {
  if (r.complete) return 'complete';
  switch (r.stopReason) {
    case 'max-executions':
      return r.strategy === 'random' ? 'sample' : 'INCOMPLETE (stopped at --max-executions)';
    case 'time-budget':
      return 'INCOMPLETE (stopped at --time-budget)';
    case 'interrupted':
      return 'INCOMPLETE (interrupted)';
    default:
      return r.strategy === 'random' ? 'sample' : 'incomplete';
  }
}

/** The report a person reads first: findings, then the outcomes as a table with replay commands. */
export function renderText(r: Exploration, options: TextOptions = {}): string {
  const c = createColors(options.color ?? false);
  const maxOutcomes = options.maxOutcomes ?? 20;
  const maxLines = options.maxLines ?? 12;
  const lines: string[] = [];
  const n = r.outcomes.length;
  lines.push(`${c.bold(r.scenario.name)}${r.scenario.file !== null ? c.dim(`  ${r.scenario.file}`) : ''}`);
  const seed = r.strategy === 'random' ? ` (seed ${r.seed})` : '';
  const execs = `${r.executions.toLocaleString('en-US')} execution${r.executions === 1 ? '' : 's'}`;
  const st = status(r);
  lines.push(
    `${r.strategy}${seed} · ${execs} · ${r.complete ? c.green(st) : c.yellow(st)} · ` +
      `${n} outcome${n === 1 ? '' : 's'} · ${r.elapsedMs.toFixed(1)} ms`,
  );
  lines.push('');
  if (r.findings.length > 0) {
    lines.push(c.bold('findings'));
    const kw = Math.max(...r.findings.map((f) => f.kind.length));
    for (const f of r.findings) {
      const ref = f.outcome !== undefined && n > 1 ? c.dim(` → outcome #${f.outcome + 1}`) : '';
      lines.push(`  ${c.red(f.kind.padEnd(kw))}  ${f.message}${ref}`);
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
    lines.push(`${indent}${c.dim('replay:')} ${c.cyan(o.replay)}`);
  });
  if (n > maxOutcomes) {
    const rest = r.outcomes.slice(maxOutcomes);
    const restCount = rest.reduce((s, o) => s + o.count, 0);
    lines.push(
      `  … and ${rest.length} more outcomes (${restCount} executions, ${share(restCount, total)}); --format json lists them all`,
    );
  }
  return lines.join('\n');
}

function outcomeBody(o: Outcome, maxLines: number): string[] {
  const body: string[] = [];
  if (o.output.length === 0) body.push('(no output)');
  for (const l of o.output.slice(0, maxLines)) body.push(l);
  if (o.output.length > maxLines) body.push(`… ${o.output.length - maxLines} more lines`);
  if (o.value !== null) body.push(`→ returned ${JSON.stringify(o.value)}`);
  if (o.unfinished.length > 0) body.push(`unfinished: ${o.unfinished.join(', ')}`);
  if (o.panic !== undefined) {
    body.push(`${o.panic.kind === 'exception' ? 'panic' : o.panic.kind} in ${o.panic.task}: ${o.panic.message}`);
  }
  if (o.deadlock !== undefined) for (const d of o.deadlock) body.push(`deadlock: ${d}`);
  if (o.stepLimit !== undefined) body.push(o.stepLimit);
  for (const v of o.violations ?? []) body.push(`violation in ${v.task}: ${v.message}`);
  return body;
}

/** The closing line of a run over several scenarios. */
export function summaryLine(reports: readonly Exploration[]): string {
  const flagged = reports.filter((r) => r.findings.length > 0).length;
  return `${reports.length} scenarios: ${flagged} with findings, ${reports.length - flagged} without`;
}
