/**
 * The swimlane timeline of one traced execution, as inline SVG: one lane per
 * task, steps in order across (the virtual clock marked where it moves), each
 * operation a mark, happens-before edges as arrows, a finding's events
 * highlighted. Long traces stay light: labels are thinned per lane (the
 * unlabelled marks after a label are counted on it, and every mark keeps its
 * tooltip), marks shrink, the SVG scrolls sideways, and beyond `maxSteps` the
 * middle of the trace is left out.
 */
import type { TraceStep } from '../runtime/result.js';
import { escapeHtml as esc } from './escape.js';
import { clip, formatTime, plural } from './view.js';

/** One event of a finding: the step when known, else its task and source line. */
export interface TimelineEvent {
  task: string;
  site?: string;
  op?: string;
  step?: number;
}

/** A trace step with the happens-before edges the runtime may record: the earlier steps it synchronizes with. */
export type SyncedStep = TraceStep & { sync?: readonly number[] };

export interface SwimlaneOptions {
  /** Tasks that get a lane even without a step (unfinished ones that never ran). */
  tasks?: readonly string[];
  /** Events to highlight: a finding's. */
  highlight?: readonly TimelineEvent[];
  /** Most steps drawn; a longer trace shows its first fifth and its end. @default 5000 */
  maxSteps?: number;
}

/** Id of the arrowhead marker the document defines once (see html.ts). */
export const ARROW_ID = 'hb-arrow';

const AXIS_H = 24;
const LANE_H = 54;
const PAD = 12;
const CHAR_W = 6.4; // 11px monospace
const LABEL_CHARS = 30;

/** The step numbers a finding's events name: by step when given, else every step of that task at that source line. */
export function highlightedSteps(trace: readonly TraceStep[], events: readonly TimelineEvent[]): Set<number> {
  const hl = new Set<number>();
  for (const e of events) {
    if (e.step !== undefined) {
      if (trace.some((s) => s.step === e.step)) hl.add(e.step);
    } else if (e.site !== undefined) {
      for (const s of trace) if (s.task === e.task && s.site === e.site) hl.add(s.step);
    }
  }
  return hl;
}

/** Lanes: main first, then tasks in the order they first step, then the extra ones. */
export function laneOrder(trace: readonly TraceStep[], extra: readonly string[] = []): string[] {
  const lanes = ['main'];
  for (const s of trace) if (!lanes.includes(s.task)) lanes.push(s.task);
  for (const t of extra) if (!lanes.includes(t)) lanes.push(t);
  return lanes;
}

function stepWidth(n: number): number {
  return n <= 30 ? 96 : n <= 100 ? 48 : n <= 400 ? 20 : n <= 1500 ? 10 : 6;
}

// Mark colours by the operation's first word.
const KINDS: Record<string, string> = {
  print: 'print',
  sleep: 'time',
  yield: 'time',
  get: 'mem',
  set: 'mem',
  update: 'mem',
  send: 'chan',
  recv: 'chan',
  close: 'chan',
  select: 'chan',
  choose: 'choose',
  io: 'io',
};

function kind(op: string): string {
  const space = op.indexOf(' ');
  return KINDS[space < 0 ? op : op.slice(0, space)] ?? 'sync';
}

export function renderSwimlane(trace: readonly SyncedStep[], options: SwimlaneOptions = {}): string {
  const max = options.maxSteps ?? 5000;
  const lanes = laneOrder(trace, options.tasks);
  const laneOf = new Map(lanes.map((t, i) => [t, i]));
  const hl = highlightedSteps(trace, options.highlight ?? []);
  // Which steps are drawn: all, or the first fifth and the rest from the end.
  const head = trace.length > max ? Math.floor(max / 5) : trace.length;
  const drawn = trace.length > max ? [...trace.slice(0, head), ...trace.slice(trace.length - (max - head))] : [...trace];
  const omitted = trace.length - drawn.length;
  const w = stepWidth(drawn.length);
  const gapW = omitted > 0 ? Math.max(140, 4 * w) : 0;
  const r = Math.min(5, w / 2 - 0.5);
  const xs = new Map<number, number>();
  drawn.forEach((s, i) => xs.set(s.step, PAD + i * w + (i >= head ? gapW : 0) + w / 2));
  // Room on the right for the last labels.
  const width = Math.ceil(PAD * 2 + drawn.length * w + gapW + (LABEL_CHARS + 5) * CHAR_W);
  const height = AXIS_H + lanes.length * LANE_H;
  const laneY = (task: string): number => AXIS_H + (laneOf.get(task) ?? 0) * LANE_H;
  const markY = (task: string): number => laneY(task) + 30;
  const out: string[] = [];
  out.push(
    `<div class="timeline" data-steps="${trace.length}"><div class="lane-names" style="padding-top:${AXIS_H}px">` +
      lanes.map((t) => `<div class="lane-name" data-task="${esc(t)}" style="height:${LANE_H}px" title="${esc(t)}">${esc(clip(t, 16))}</div>`).join('') +
      `</div><div class="timeline-scroll"><svg class="swimlane" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-label="timeline of ${plural(trace.length, 'step')} in ${plural(lanes.length, 'task')}">`,
  );
  lanes.forEach((t, i) => out.push(`<rect class="lane${i % 2 ? ' odd' : ''}" data-task="${esc(t)}" x="0" y="${AXIS_H + i * LANE_H}" width="${width}" height="${LANE_H}"/>`));
  // The clock, where it moves (and at the start), thinned like the labels.
  let axisFree = -Infinity;
  let lastTime = -1;
  for (const s of drawn) {
    const x = xs.get(s.step)!;
    if (s.time !== lastTime && x >= axisFree) {
      const label = formatTime(s.time);
      out.push(`<line class="tick" x1="${x}" y1="${AXIS_H - 6}" x2="${x}" y2="${height}"/><text class="tl" x="${x + 2}" y="${AXIS_H - 9}">${label}</text>`);
      axisFree = x + label.length * CHAR_W + 10;
    }
    lastTime = s.time;
  }
  if (omitted > 0) {
    const gx = PAD + head * w + 4;
    out.push(`<text class="gap" x="${gx}" y="${AXIS_H + 14}">⋯ ${plural(omitted, 'step')} not drawn ⋯</text>`);
  }
  // Happens-before edges, under the marks.
  for (const s of drawn) {
    for (const from of s.sync ?? []) {
      const x1 = xs.get(from);
      const src = trace[from - 1]?.step === from ? trace[from - 1] : trace.find((t) => t.step === from);
      if (x1 === undefined || src === undefined) continue;
      const x2 = xs.get(s.step)!;
      const y1 = markY(src.task);
      const y2 = markY(s.task);
      let d: string;
      if (y1 === y2) {
        d = `M${x1} ${y1 - r}Q${(x1 + x2) / 2} ${y1 - 26} ${x2} ${y2 - r - 1}`;
      } else {
        const y2e = y2 > y1 ? y2 - r - 1 : y2 + r + 1;
        const dx = Math.max(8, (x2 - x1) / 2);
        d = `M${x1} ${y1}C${x1 + dx} ${y1} ${x2 - dx} ${y2e} ${x2} ${y2e}`;
      }
      out.push(`<path class="hb" data-from="${from}" data-to="${s.step}" d="${d}" marker-end="url(#${ARROW_ID})"/>`);
    }
  }
  // Marks, each with its tooltip; choice points are diamonds.
  for (const s of drawn) {
    const x = xs.get(s.step)!;
    const y = markY(s.task);
    const cls = `m k-${kind(s.op)}${hl.has(s.step) ? ' hl' : ''}`;
    const tip = esc(
      `#${s.step} · ${formatTime(s.time)} · ${s.task} · ${clip(s.op, 120)}${s.site !== undefined ? ` · ${s.site}` : ''}` +
        (s.enabled > 1 ? ` · chosen among ${s.enabled}` : ''),
    );
    const shape =
      s.enabled > 1
        ? `<path class="${cls} choice" data-step="${s.step}" d="M${x} ${y - r - 1}l${r + 1} ${r + 1}l${-r - 1} ${r + 1}l${-r - 1} ${-r - 1}z">`
        : `<circle class="${cls}" data-step="${s.step}" cx="${x}" cy="${y}" r="${r}">`;
    out.push(`${shape}<title>${tip}</title>${s.enabled > 1 ? '</path>' : '</circle>'}`);
  }
  out.push(labels(drawn, xs, laneY, hl));
  out.push('</svg></div></div>');
  return out.join('');
}

/**
 * Labels above the marks, greedily per lane: a mark is labelled when the
 * previous label of its lane has ended, and a label counts the unlabelled
 * marks after it (" +12"). A highlighted mark always gets its label, below.
 */
function labels(drawn: readonly TraceStep[], xs: Map<number, number>, laneY: (t: string) => number, hl: Set<number>): string {
  const free = new Map<string, number>();
  const last = new Map<string, { text: string; x: number; y: number; skipped: number }>();
  const placed: { text: string; x: number; y: number; skipped: number }[] = [];
  const out: string[] = [];
  for (const s of drawn) {
    const x = xs.get(s.step)!;
    if (hl.has(s.step)) {
      out.push(`<text class="l hl" x="${x - 4}" y="${laneY(s.task) + 50}">${esc(clip(s.op, 40))}</text>`);
    }
    if (x >= (free.get(s.task) ?? -Infinity)) {
      const text = clip(s.op, LABEL_CHARS);
      const label = { text, x: x - 4, y: laneY(s.task) + 16, skipped: 0 };
      placed.push(label);
      last.set(s.task, label);
      free.set(s.task, x + (text.length + 5) * CHAR_W + 8);
    } else {
      last.get(s.task)!.skipped++;
    }
  }
  for (const l of placed) {
    const more = l.skipped > 0 ? `<tspan class="more"> +${l.skipped}</tspan>` : '';
    out.push(`<text class="l" x="${l.x}" y="${l.y}">${esc(l.text)}${more}</text>`);
  }
  return out.join('');
}
