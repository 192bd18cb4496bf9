/**
 * The HTML report: one self-contained file (inline CSS, SVG and a few lines
 * of script for the copy buttons; no network) that opens from disk. A pure
 * function of the JSON report, and every string from the scenario — output,
 * names, messages — is escaped.
 */
import type { Finding } from '../analysis/findings.js';
import { escapeHtml as esc } from './escape.js';
import { CSS, SCRIPT } from './html-style.js';
import type { Exploration, Outcome } from './report.js';
import { ARROW_ID, renderSwimlane, type TimelineEvent } from './swimlane.js';
import {
  SHOWN_OUTCOMES,
  clip,
  findingOutcome,
  outcomeNotes,
  plural,
  reportBaseName,
  restSummary,
  share,
  status,
  totalCount,
  unseenSentence,
} from './view.js';

/** The events a finding names (a race's or a timing finding's two), read without depending on their exact type. */
function findingEvents(f: Finding): readonly TimelineEvent[] | undefined {
  return (f as { events?: readonly TimelineEvent[] }).events;
}

export interface HtmlOptions {
  /** Outcomes shown in full, with their timelines. @default 20 */
  maxOutcomes?: number;
}

const MAX_OUTPUT_LINES = 200;
/** Steps one timeline draws at most, and all of them together (each still draws at least MIN_DRAWN): keeps the page a few MB at worst. */
const MAX_DRAWN = 5000;
const TOTAL_DRAWN = 20_000;
const MIN_DRAWN = 500;
const MAX_LINE = 400;

export function renderHtml(r: Exploration, options: HtmlOptions = {}): string {
  const shown = Math.min(r.outcomes.length, options.maxOutcomes ?? SHOWN_OUTCOMES);
  const findings = r.findings as Finding[];
  const title = `interleave: ${r.scenario.name}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from anywhere: the report is one file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>`,
    `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><marker id="${ARROW_ID}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#d9822b"/></marker></defs></svg>`,
    header(r),
    findingsSection(r, findings),
    chart(r, shown),
    outcomesSection(r, findings, shown),
    `<footer>interleave report, version ${r.version}. The JSON report is the source of truth: <code>interleave report ${esc(reportBaseName(r.scenario.name))}.json --format html</code> renders this page again.</footer>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
  ].join('\n');
}

function header(r: Exploration): string {
  const n = r.outcomes.length;
  const bad = r.findings.length > 0;
  const st = status(r);
  const meta = [
    `<span>strategy <b>${esc(r.strategy)}</b>${r.strategy === 'random' || r.strategy === 'replay' ? ` (seed ${r.seed})` : ''}</span>`,
    `<span><b>${plural(r.executions, 'execution')}</b></span>`,
    `<span class="badge ${r.complete ? 'ok' : 'warn'}" id="status">${esc(st)}</span>`,
    `<span><b>${plural(n, 'outcome')}</b></span>`,
    `<span>${plural(r.steps, 'step')}</span>`,
    `<span>${elapsed(r.elapsedMs)}</span>`,
    `<span class="badge ${bad ? 'bad' : 'ok'}">${bad ? plural(r.findings.length, 'finding') : 'no findings'}</span>`,
  ];
  const unseen = unseenSentence(r);
  return (
    `<header><h1>${esc(r.scenario.name)}${r.scenario.file !== null ? `<span class="file">${esc(r.scenario.file)}</span>` : ''}</h1>` +
    `<div class="meta">${meta.join('')}</div>` +
    (unseen !== undefined ? `<p class="unseen" id="unseen" data-estimate="${r.unseenEstimate}">${esc(unseen)}</p>` : '') +
    '</header>'
  );
}

function elapsed(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function findingsSection(r: Exploration, findings: readonly Finding[]): string {
  if (findings.length === 0) {
    return '<section id="findings"><h2>Findings</h2><p>None: one outcome, and no panic, deadlock, violation or lost task.</p></section>';
  }
  const items = findings.map((f) => {
    const site = f.site !== undefined ? ` <code class="site">${esc(f.site)}</code>` : '';
    const task = f.task !== undefined ? ` <span class="site">in task ${esc(f.task)}</span>` : '';
    const about = findingOutcome(r, f);
    const ref = about !== undefined && r.outcomes.length > 1 ? ` <a href="#outcome-${about + 1}">outcome #${about + 1}</a>` : '';
    const evs = findingEvents(f) ?? [];
    const events = evs.length > 0 ? `<ul class="events">${evs.map((e) => `<li>${esc(describeEvent(e))}</li>`).join('')}</ul>` : '';
    const compare = f.kind === 'ordering' ? orderingCompare(r, f) : '';
    return `<li class="finding" data-kind="${esc(f.kind)}"><span class="kind">${esc(f.kind)}</span>${esc(f.message)}${site}${task}${ref}${events}${compare}</li>`;
  });
  return `<section id="findings"><h2>Findings</h2><ul class="findings">${items.join('')}</ul></section>`;
}

function describeEvent(e: TimelineEvent): string {
  const parts = [`task ${e.task}`];
  if (e.op !== undefined) parts.push(e.op);
  if (e.site !== undefined) parts.push(`at ${e.site}`);
  if (e.step !== undefined) parts.push(`(step ${e.step})`);
  return parts.join(' ');
}

/**
 * The two outputs of an ordering finding side by side: its outcome and the
 * first other outcome that prints one of its swapped pairs the other way
 * round, the lines of each such pair marked with the pair's number.
 */
function orderingCompare(r: Exploration, f: Finding): string {
  const a = r.outcomes[f.outcome ?? 0];
  const pairs = f.swapped ?? [];
  if (a === undefined || pairs.length === 0) return '';
  const before = (o: Outcome, x: string, y: string): boolean | undefined => {
    const i = o.output.indexOf(x);
    const j = o.output.indexOf(y);
    return i < 0 || j < 0 ? undefined : i < j;
  };
  const reversed = (o: Outcome): number[] =>
    pairs.flatMap((p, k) => {
      const inA = before(a, p.first, p.second);
      const inO = before(o, p.first, p.second);
      return inA !== undefined && inO !== undefined && inA !== inO ? [k] : [];
    });
  // The outcome that turns the most pairs round (the first such, on a tie).
  let bIndex = -1;
  let most = 0;
  r.outcomes.forEach((o, i) => {
    const k = o === a ? 0 : reversed(o).length;
    if (k > most) [bIndex, most] = [i, k];
  });
  if (bIndex < 0) return '';
  const b = r.outcomes[bIndex]!;
  const marks = new Map<string, number[]>();
  for (const k of reversed(b)) {
    for (const line of [pairs[k]!.first, pairs[k]!.second]) marks.set(line, [...(marks.get(line) ?? []), k + 1]);
  }
  const column = (o: Outcome, i: number): string => {
    const lines = o.output.slice(0, MAX_OUTPUT_LINES).map((l) => {
      const m = marks.get(l);
      const tag = m !== undefined ? `<span class="pair">${m.map((k) => `⇄${k}`).join(' ')}</span>` : '';
      return `<li${m !== undefined ? ' class="swap"' : ''}>${tag}${esc(clip(l, MAX_LINE))}</li>`;
    });
    return `<div><h3>outcome #${i + 1} · ${share(o.count, totalCount(r))}</h3><ol>${lines.join('')}</ol></div>`;
  };
  return `<div class="compare" data-outcomes="${r.outcomes.indexOf(a) + 1} ${bIndex + 1}">${column(a, r.outcomes.indexOf(a))}${column(b, bIndex)}</div>`;
}

/** Outcomes by share, one bar each, and one for the outcomes not shown. */
function chart(r: Exploration, shown: number): string {
  const total = totalCount(r);
  const rows: { label: string; count: number; cls: string; href: string; result: string }[] = r.outcomes.slice(0, shown).map((o, i) => ({ label: `#${i + 1}`, count: o.count, cls: o.result === 'ok' ? '' : ' fail', href: `#outcome-${i + 1}`, result: o.result }));
  const rest = r.outcomes.slice(shown);
  if (rest.length > 0) {
    rows.push({ label: `+${rest.length}`, count: rest.reduce((s, o) => s + o.count, 0), cls: ' rest', href: '#rest', result: `${plural(rest.length, 'more outcome')}` });
  }
  // Scaled to the largest shown outcome; the bar of the rest, when longer, is cut at the full width (its share is written beside it).
  const max = Math.max(1, ...rows.slice(0, shown).map((x) => x.count));
  const rowH = 22;
  const barX = 56;
  const barW = 520;
  const height = rows.length * rowH + 6;
  const bars = rows.map((x, i) => {
    const y = i * rowH + 3;
    const w = Math.max(1, Math.min(barW, Math.round((barW * x.count) / max)));
    return (
      `<a href="${x.href}"><title>${esc(`${x.label}: ${plural(x.count, 'execution')}, ${share(x.count, total)}`)}</title>` +
      `<text x="${barX - 8}" y="${y + 14}" text-anchor="end">${x.label}</text>` +
      `<rect class="bar${x.cls}" x="${barX}" y="${y}" width="${w}" height="${rowH - 6}" rx="2"/>` +
      `<text x="${barX + w + 6}" y="${y + 14}">${share(x.count, total)} · ${x.count.toLocaleString('en-US')} · ${esc(x.result)}</text></a>`
    );
  });
  return (
    `<section id="chart"><h2>Outcomes by share</h2>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${barX + barW + 260}" height="${height}" role="img" aria-label="outcomes by share of executions">${bars.join('')}</svg></section>`
  );
}

function outcomesSection(r: Exploration, findings: readonly Finding[], shown: number): string {
  const total = totalCount(r);
  let budget = TOTAL_DRAWN;
  const articles = r.outcomes.slice(0, shown).map((o, i) => {
    const maxSteps = Math.min(MAX_DRAWN, Math.max(MIN_DRAWN, budget));
    budget -= Math.min(maxSteps, o.trace?.length ?? 0);
    const lines = o.output.slice(0, MAX_OUTPUT_LINES).map((l) => esc(clip(l, MAX_LINE)));
    if (o.output.length > MAX_OUTPUT_LINES) lines.push(`… ${plural(o.output.length - MAX_OUTPUT_LINES, 'more line')}`);
    const notes = outcomeNotes(o);
    const facts = [`schedule <code class="schedule" title="the replay command has it whole">${esc(clip(o.schedule, 160))}</code>`, plural(o.steps, 'step'), `${o.time} ms virtual`];
    if (o.seed !== undefined) facts.push(`seed ${o.seed}`);
    return (
      `<article class="outcome" id="outcome-${i + 1}" data-result="${esc(o.result)}">` +
      `<h3>#${i + 1} · ${plural(o.count, 'execution')} · ${share(o.count, total)} · <span class="${o.result === 'ok' ? '' : 'kind'}">${esc(o.result)}</span></h3>` +
      `<pre class="output">${o.output.length === 0 ? '<i>(no output)</i>' : lines.join('\n')}</pre>` +
      (notes.length > 0 ? `<div class="notes">${notes.map((n) => `<div>${esc(clip(n, MAX_LINE))}</div>`).join('')}</div>` : '') +
      `<div class="facts">${facts.join(' · ')}</div>` +
      `<div class="replay"><code class="replay-command">${esc(o.replay)}</code><button class="copy" type="button" data-copy="${esc(o.replay)}">copy</button></div>` +
      timeline(o, eventsOf(r, findings, i), maxSteps) +
      '</article>'
    );
  });
  const rest = restSummary(r, shown);
  return (
    `<section id="outcomes"><h2>Outcomes</h2>${articles.join('')}` +
    (rest !== undefined ? `<p class="rest" id="rest">${esc(rest)}; <code>--format json</code> lists them all.</p>` : '') +
    '</section>'
  );
}

/**
 * What the findings about outcome `i` name, to highlight in its timeline: a
 * finding's events, or the task and source line of a panic or violation. A
 * finding is about the outcome it names, or else the one whose schedule it
 * gives; its events' step numbers count in that schedule's execution only, so
 * elsewhere they are matched by task and source line.
 */
function eventsOf(r: Exploration, findings: readonly Finding[], i: number): TimelineEvent[] {
  const o = r.outcomes[i]!;
  const schedule = (f: Finding): string | undefined => (f as { schedule?: string }).schedule;
  return findings
    .filter((f) => findingOutcome(r, f) === i)
    .flatMap((f): TimelineEvent[] => {
      const evs = findingEvents(f);
      if (evs !== undefined) {
        const sameRun = schedule(f) === undefined || schedule(f) === o.schedule;
        return evs.map((e) => (sameRun ? e : { task: e.task, ...(e.site !== undefined ? { site: e.site } : {}) }));
      }
      return f.task !== undefined && f.site !== undefined ? [{ task: f.task, site: f.site }] : [];
    });
}

function timeline(o: Outcome, events: TimelineEvent[], maxSteps: number): string {
  if (o.trace === undefined) {
    return `<p class="legend">No timeline recorded for this outcome; <code>${esc(o.replay)}</code> shows it step by step.</p>`;
  }
  const legend =
    '<p class="legend">Steps in order, left to right; the virtual clock is marked where it moves. ' +
    '<i style="background:#1f5fbf"></i>print<i style="background:#8a93a3"></i>sleep<i style="background:#d9822b"></i>lock, wait, join' +
    '<i style="background:#2e8b57"></i>channel<i style="background:#7b3fb5"></i>shared variable<i style="background:#0f8b8d"></i>choose' +
    ' · diamonds: choice points · arrows: happens-before · red: a finding’s events. Hover a mark for its step.</p>';
  return renderSwimlane(o.trace, { tasks: o.unfinished, highlight: events, maxSteps }) + legend;
}
