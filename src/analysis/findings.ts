import type { OutcomeRecord } from '../explore/outcomes.js';
import { swappedLines, type SwappedPair } from './ordering.js';

export type FindingKind =
  | 'ordering'
  | 'panic'
  | 'missing-await'
  | 'uncontrolled-await'
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
}

const SEVERITY: Record<FindingKind, number> = {
  ordering: 0,
  panic: 1,
  'missing-await': 1,
  'uncontrolled-await': 1,
  deadlock: 2,
  'step-limit': 3,
  violation: 4,
  unfinished: 5,
};

const quote = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** Derives the findings from the outcomes of one exploration: `ordering`, then the rest most severe first. */
export function findings(outcomes: readonly OutcomeRecord[]): Finding[] {
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
    if (o.unfinished.length > 0 && o.result !== 'deadlock' && o.result !== 'step-limit' && o.result !== 'panic') {
      add(`unfinished\0${o.unfinished.join('\0')}`, {
        kind: 'unfinished',
        message:
          `main returned while ${o.unfinished.join(', ')} had not finished; as in Go, the program ends there and ` +
          'their remaining work is lost (wait for them with a WaitGroup or join)',
        outcome: i,
      });
    }
  });
  // Most severe first (a stable sort keeps outcome order within a kind); the
  // headline `ordering` leads, since it is what the exploration is about.
  out.sort((a, b) => SEVERITY[a.kind] - SEVERITY[b.kind]);
  if (outcomes.length > 1) out.unshift(ordering(outcomes));
  return out;
}

function ordering(outcomes: readonly OutcomeRecord[]): Finding {
  const swapped = swappedLines(outcomes);
  let message = `${outcomes.length} distinct outcomes: the result depends on the order in which tasks run`;
  if (swapped.length > 0) {
    const shown = swapped.slice(0, 3).map((p) => `${quote(p.first)} and ${quote(p.second)}`);
    const more = swapped.length > 3 ? ` and ${swapped.length - 3} more pairs` : '';
    message += `; these lines come in either order: ${shown.join('; ')}${more}`;
  } else if (new Set(outcomes.map((o) => JSON.stringify(o.output))).size === 1) {
    message += '; the output is the same, but the value or the result differs';
  }
  return { kind: 'ordering', message, outcome: 0, swapped };
}
