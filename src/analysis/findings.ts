import type { OutcomeRecord } from '../explore/outcomes.js';
import { encodeSchedule } from '../explore/schedule.js';
import type { ConcurrencyAnalysis, EventPair, FindingEvent } from './events.js';
import { linePairKey } from './events.js';
import { swappedLines, type SwappedPair } from './ordering.js';

export type FindingKind =
  | 'ordering'
  | 'race'
  | 'timing'
  | 'panic'
  | 'missing-await'
  | 'uncontrolled-await'
  | 'hang'
  | 'out-of-memory'
  | 'nondeterministic-scenario'
  | 'deadlock'
  | 'violation'
  | 'unfinished'
  | 'step-limit';

/** Something the user should look at; `outcome` indexes the exploration's outcomes. */
export interface Finding {
  kind: FindingKind;
  /** One plain sentence. */
  message: string;
  /** Index of the first outcome that shows it. */
  outcome?: number;
  task?: string;
  site?: string;
  /** For `ordering`: output lines seen in both orders. */
  swapped?: SwappedPair[];
  /** For `race` and `timing`: the two events, first the one that took effect first. */
  events?: FindingEvent[];
  /** For `race` and `timing`: a schedule whose execution shows the events (at their `step`s). */
  schedule?: string;
  /** For `nondeterministic-scenario`: the first step at which two runs of `schedule` differ, when known. */
  step?: number;
}

const SEVERITY: Record<FindingKind, number> = {
  ordering: 0,
  race: 1,
  timing: 6,
  panic: 1,
  'missing-await': 1,
  'uncontrolled-await': 1,
  hang: 1,
  'out-of-memory': 1,
  // Before the rest: when it applies, the other findings may be artefacts of it.
  'nondeterministic-scenario': 1,
  deadlock: 2,
  'step-limit': 3,
  violation: 4,
  unfinished: 5,
};

const quote = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** Derives the findings from the outcomes of one exploration: `ordering`, then the rest most severe first. */
export function findings(outcomes: readonly OutcomeRecord[], analysis?: ConcurrencyAnalysis): Finding[] {
  const out: Finding[] = [];
  const once = new Set<string>();
  const add = (key: string, f: Finding): void => {
    if (once.has(key)) return;
    once.add(key);
    out.push(f);
  };
  outcomes.forEach((o, i) => {
    if (o.panic !== undefined) {
      const p = o.panic;
      const where = p.site !== undefined ? ` (${p.site})` : '';
      const kind = p.kind === 'exception' ? 'panic' : p.kind;
      const message = p.kind === 'exception' ? `task ${p.task} panicked: ${p.message}${where}` : `${p.message}${where}`;
      add(`${kind}\0${p.task}\0${p.message}\0${p.site}`, {
        kind,
        message,
        outcome: i,
        task: p.task,
        ...(p.site !== undefined ? { site: p.site } : {}),
      });
    }
    if (o.deadlock !== undefined) {
      add(`deadlock\0${o.deadlock.join('\0')}`, {
        kind: 'deadlock',
        message: `every task is blocked and no timer is pending: ${o.deadlock.join('; ')}`,
        outcome: i,
      });
    }
    if (o.stepLimit !== undefined) {
      add('step-limit', { kind: 'step-limit', message: `${o.stepLimit}: a livelock, or raise --max-steps`, outcome: i });
    }
    for (const v of o.violations) {
      const where = v.site !== undefined ? ` (${v.site})` : '';
      add(`violation\0${v.message}\0${v.site}`, {
        kind: 'violation',
        message: `assertion failed in task ${v.task}: ${v.message}${where}`,
        outcome: i,
        task: v.task,
        ...(v.site !== undefined ? { site: v.site } : {}),
      });
    }
    if (o.unfinished.length > 0 && o.result !== 'deadlock' && o.result !== 'step-limit' && o.result !== 'panic' && o.result !== 'hang' && o.result !== 'out-of-memory') {
      add(`unfinished\0${o.unfinished.join('\0')}`, {
        kind: 'unfinished',
        message:
          `main returned while ${o.unfinished.join(', ')} had not finished; as in Go, the program ends there and ` +
          'their remaining work is lost (wait for them with a WaitGroup or join)',
        outcome: i,
      });
    }
  });
  if (analysis !== undefined) {
    out.push(...races(analysis.races), ...timing(analysis.timing));
  }
  // Most severe first (a stable sort keeps outcome order within a kind); the
  // headline `ordering` leads, since it is what the exploration is about.
  out.sort((a, b) => SEVERITY[a.kind] - SEVERITY[b.kind]);
  if (outcomes.length > 1) out.unshift(ordering(outcomes, analysis));
  return out;
}

const at = (e: FindingEvent): string => (e.site !== undefined ? ` (${e.site})` : '');
const plural = (names: string[]): string =>
  names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * Groups pairs by their program points (object, both sites, both operations
 * up to values), so that a race between two lines is one finding however many
 * tasks and executions show it.
 */
function group(pairs: readonly EventPair[]): EventPair[][] {
  const groups = new Map<string, EventPair[]>();
  for (const p of pairs) {
    const key = [p.object, p.first.site ?? p.first.op, p.second.site ?? p.second.op, verb(p.first), verb(p.second)].join('\0');
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(p);
  }
  return [...groups.values()];
}

/** The operation's first word: `set`, `get`, `update`, `print`. */
const verb = (e: FindingEvent): string => e.op.split(' ', 1)[0]!;

function events(p: EventPair): Pick<Finding, 'events' | 'schedule'> {
  return { events: [p.first, p.second], schedule: encodeSchedule(p.choices) };
}

const ACCESS: Record<string, string> = { get: 'reads', set: 'writes', update: 'updates' };

/**
 * One finding per variable: the first racing pair in full, and how many other
 * pairs of its lines race too (a lost update races get/set, set/get and
 * set/set: one bug).
 */
function races(pairs: readonly EventPair[]): Finding[] {
  const byObject = new Map<string, EventPair[][]>();
  for (const g of group(pairs)) {
    const o = g[0]!.object;
    const list = byObject.get(o);
    if (list === undefined) byObject.set(o, [g]);
    else list.push(g);
  }
  return [...byObject.values()].map((groups) => {
    const p = groups[0]![0]!;
    const a = p.first;
    const b = p.second;
    const others = groups.length - 1;
    const message =
      `data race on ${JSON.stringify(p.object)}: ${a.task} ${ACCESS[verb(a)] ?? verb(a)} it${at(a)} and ` +
      `${b.task} ${ACCESS[verb(b)] ?? verb(b)} it${at(b)} with nothing ordering the two ` +
      '(no lock, channel, WaitGroup or join between them), so either may come first' +
      (others > 0 ? `; ${others} other pair${others === 1 ? '' : 's'} of its accesses race too` : '');
    const f: Finding = { kind: 'race', message, task: b.task, ...events(p) };
    if (b.site !== undefined) f.site = b.site;
    return f;
  });
}

function timing(pairs: readonly EventPair[]): Finding[] {
  return group(pairs).map((g) => {
    const p = g[0]!;
    const a = p.first;
    const b = p.second;
    const firstTasks = [...new Set(g.map((x) => x.first.task))];
    const what = (e: FindingEvent): string => (verb(e) === 'print' ? e.op.slice('print '.length) : `\`${e.op}\``);
    const where = (e: FindingEvent): string => `(${e.site !== undefined ? `${e.site}, ` : ''}at ${e.time} ms)`;
    const earlier =
      firstTasks.length === 1
        ? `${a.task}'s ${verb(a)} ${what(a)} ${where(a)}`
        : `the ${verb(a)}s of ${plural(firstTasks)}${a.site !== undefined ? ` at ${a.site}` : ''} (${what(a)}, at ${a.time} ms)`;
    const message =
      `${b.task}'s ${verb(b)} ${what(b)} ${where(b)} came after ${earlier} in every execution only because ` +
      `of sleep lengths, not because anything synchronizes them; if ${b.task} must come after ` +
      `${plural(firstTasks)}, wait for ${firstTasks.length === 1 ? 'it' : 'them'} with a WaitGroup, a channel or join`;
    const f: Finding = { kind: 'timing', message, task: b.task, ...events(p) };
    if (b.site !== undefined) f.site = b.site;
    return f;
  });
}

function ordering(outcomes: readonly OutcomeRecord[], analysis: ConcurrencyAnalysis | undefined): Finding {
  const swapped = swappedLines(outcomes);
  if (analysis !== undefined) {
    for (const p of swapped) {
      const key = linePairKey(p.first, p.second);
      if (analysis.checkedLines.has(key)) p.synchronized = !analysis.unorderedLines.has(key);
    }
  }
  let message = `${outcomes.length} distinct outcomes: the result depends on the order in which tasks run`;
  if (swapped.length > 0) {
    const list = (pairs: SwappedPair[]): string => {
      const shown = pairs.slice(0, 3).map((p) => `${quote(p.first)} and ${quote(p.second)}`);
      const more = pairs.length > 3 ? ` and ${pairs.length - 3} more pairs` : '';
      return `${shown.join('; ')}${more}`;
    };
    const free = swapped.filter((p) => p.synchronized !== true);
    const synced = swapped.filter((p) => p.synchronized === true);
    if (free.length > 0) {
      message +=
        analysis !== undefined
          ? `; these lines come in either order and no synchronization orders them: ${list(free)}`
          : `; these lines come in either order: ${list(free)}`;
    }
    if (synced.length > 0) {
      message +=
        `; these lines are ordered by synchronization in every execution, but which comes first ` +
        `depends on which task gets there first (a lock or channel taken in either order): ${list(synced)}`;
    }
  } else if (new Set(outcomes.map((o) => JSON.stringify(o.output))).size === 1) {
    message += '; the output is the same, but the value or the result differs';
  }
  return { kind: 'ordering', message, outcome: 0, swapped };
}
