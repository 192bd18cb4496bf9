/**
 * The Markdown report, for a pull-request comment or a CI job summary
 * (GitHub-flavoured): the verdict, findings, the outcome table and the replay
 * commands. A pure function of the JSON report; the scenario's strings are
 * escaped so that they render as the text they are (no markup, mention or
 * issue link).
 */
import type { Exploration } from './report.js';
import { SHOWN_OUTCOMES, clip, findingOutcome, outcomeNotes, plural, restSummary, share, status, totalCount, unseenSentence } from './view.js';

export interface MarkdownOptions {
  /** Outcomes in the table. @default 20 */
  maxOutcomes?: number;
  /** Output lines shown per outcome. @default 8 */
  maxLines?: number;
}

const LINE_WIDTH = 100;

/** Inline text: Markdown's punctuation backslash-escaped, mentions and issue references broken by a zero-width space. */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_{}[\]<>&|~]/g, '\\$&')
    .replace(/@/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b')
    .replace(/\r?\n/g, ' ↵ ');
}

/** A fenced code block whose fence is longer than any run of backticks inside. */
function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}

/** A code span that holds any text. */
function codeSpan(s: string): string {
  const clean = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(longest + 1);
  return longest > 0 ? `${f} ${clean} ${f}` : `${f}${clean}${f}`;
}

export function renderMarkdown(r: Exploration, options: MarkdownOptions = {}): string {
  const shown = Math.min(r.outcomes.length, options.maxOutcomes ?? SHOWN_OUTCOMES);
  const maxLines = options.maxLines ?? 8;
  const total = totalCount(r);
  const n = r.outcomes.length;
  const verdict = r.findings.length > 0 ? `⚠️ ${plural(r.findings.length, 'finding')}` : '✅ no findings';
  const out: string[] = [];
  out.push(`### interleave: ${mdText(r.scenario.name)} — ${verdict}`, '');
  const seed = r.strategy === 'random' ? ` (seed ${r.seed})` : r.strategy === 'pct' ? ` (seed ${r.seed}, depth ${r.options.depth})` : '';
  const where = r.scenario.file !== null ? `${codeSpan(r.scenario.file)} · ` : '';
  out.push(
    `${where}${r.strategy}${seed} · ${plural(r.executions, 'execution')} · **${mdText(status(r))}** · ` +
      `${plural(n, 'outcome')} · ${r.elapsedMs.toFixed(1)} ms`,
  );
  const unseen = unseenSentence(r);
  if (unseen !== undefined) out.push('', `> ${mdText(unseen)}`);
  out.push('', '**Findings**', '');
  if (r.findings.length === 0) out.push('None: one outcome, and no panic, deadlock, violation or lost task.');
  for (const f of r.findings) {
    const site = f.site !== undefined ? ` at ${codeSpan(f.site)}` : '';
    const about = findingOutcome(r, f);
    const ref = about !== undefined && n > 1 ? ` (outcome ${about + 1})` : '';
    out.push(`- **${mdText(f.kind)}** ${mdText(f.message)}${site}${ref}`);
  }
  out.push('', '**Outcomes**', '', '| # | count | share | result | output |', '| --: | --: | --: | :-- | :-- |');
  r.outcomes.slice(0, shown).forEach((o, i) => {
    const cell = o.output.slice(0, maxLines).map((l) => mdText(clip(l, LINE_WIDTH)));
    if (o.output.length === 0) cell.push('*(no output)*');
    if (o.output.length > maxLines) cell.push(`… ${plural(o.output.length - maxLines, 'more line')}`);
    for (const note of outcomeNotes(o)) cell.push(`*${mdText(clip(note, LINE_WIDTH))}*`);
    out.push(`| ${i + 1} | ${o.count.toLocaleString('en-US')} | ${share(o.count, total)} | ${o.result} | ${cell.join('<br>')} |`);
  });
  const rest = restSummary(r, shown);
  if (rest !== undefined) out.push(`| | | | | ${mdText(rest)} |`);
  out.push('', '**Replay**', '');
  const commands = r.outcomes.slice(0, shown).map((o, i) => `# ${i + 1}: ${o.result}, ${share(o.count, total)}\n${o.replay}`);
  out.push(fence('sh', commands.join('\n')));
  return out.join('\n');
}
