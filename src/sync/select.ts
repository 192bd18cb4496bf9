import type { Execution } from '../runtime/execution.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { SelectOptions } from '../runtime/scenario.js';
import { PENDING, type Task } from '../runtime/task.js';
import { Channel } from './channel.js';
import { isPending, show } from './describe.js';
import { PANIC, type CaseWaiter, type Selectable } from './select-case.js';
import { TimerChannel } from './timer.js';

/** What select resolves to: the case taken (-1: the default), and for a receive its value and ok. */
interface Taken {
  readonly index: number;
  readonly value: unknown;
  readonly ok: boolean;
}

const DEFAULT: Taken = Object.freeze({ index: -1, value: undefined, ok: false });

/** One case of a pending select, queued on its channel (Go's sudog). */
class SelectWaiter implements CaseWaiter {
  constructor(
    private readonly sel: Select,
    readonly index: number,
    readonly ch: Selectable,
    readonly send: boolean,
    readonly value: unknown,
  ) {}

  get task(): Task {
    return this.sel.task!;
  }

  complete(value: unknown, ok: boolean): void {
    this.sel.complete(this, value, ok);
  }

  blocked(): boolean {
    return !this.sel.done && !this.sel.anyReady(this.sel.task!);
  }
}

/**
 * Go's `select`, one per call: a scheduling operation whose moves are its
 * ready cases — each (case, partner it meets) is a move of its own, in case
 * order and, within a case, in the partners' pause order; with a default and
 * no ready case, the default is the one move. Without a default and with no
 * ready case it is not enabled (blocked).
 *
 * While it is pending without a default, every case waits on its channel as a
 * partner (see channel.ts), so a send on another task can meet it: that
 * completes exactly one case, withdraws the others at once, and releases the
 * task, which resumes at a step of its own with what the case got. A select
 * with a default never waits as a partner, as in Go, where it never parks.
 * A timer's case makes the select a timed operation: the clock may jump to
 * the timer's due time when nothing else can move.
 */
export class Select implements Operation {
  readonly label: string;
  readonly timed: boolean;
  /** The task pending in it, once it has paused. */
  task: Task | null = null;
  /** Completed by a partner or a close; `result` is then what the task resumes with. */
  done = false;
  private result: unknown = undefined;
  private taken: SelectWaiter | null = null;
  /** Where the last `locate` found a move: its case (-1: the default) and the partner alternative within it. */
  private pickCase = -1;
  private pickAlt = 0;

  /** One per case, null for a nil channel's case. */
  private readonly cases: readonly (SelectWaiter | null)[];

  private constructor(
    private readonly exec: Execution,
    specs: readonly (CaseSpec | null)[],
    readonly hasDefault: boolean,
  ) {
    this.cases = specs.map((c, i) => (c === null ? null : new SelectWaiter(this, i, c.ch, c.send, c.value)));
    this.label = specs.map((c) => (c === null ? 'nil' : c.ch.label)).join(',') || 'select';
    // With a default it never waits, so the clock never waits for it either.
    this.timed = !hasDefault && specs.some((c) => c !== null && c.ch.timed);
  }

  /** Parses the cases a scenario gave; a malformed one is a TypeError, thrown in the calling task. */
  static parse(exec: Execution, cases: unknown, options: unknown): Select {
    if (!Array.isArray(cases)) throw new TypeError(`select expects an array of cases, got ${show(cases)}`);
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new TypeError(`select expects options { default?: boolean }, got ${show(options)}`);
    }
    const dflt = (options as SelectOptions | undefined)?.default;
    if (dflt !== undefined && typeof dflt !== 'boolean') {
      throw new TypeError(`select expects \`default\` to be true or false, got ${show(dflt)}`);
    }
    return new Select(exec, (cases as readonly unknown[]).map(parseCase), dflt === true);
  }

  /** Pauses the calling task at this select; resolves to what it took. */
  async run(): Promise<Taken> {
    const exec = this.exec;
    const p = exec.pause(this, 0, undefined);
    const t = exec.currentTask();
    if (!exec.ended && t.op === this && t.state === PENDING) {
      this.task = t;
      if (!this.hasDefault) for (const w of this.cases) if (w !== null) w.ch.enqueue(w);
    }
    const r = await p;
    if (r === PANIC) throw new Error('send on closed channel');
    return r as Taken;
  }

  /** True when some case is ready for `task`. */
  anyReady(task: Task): boolean {
    for (const w of this.cases) if (w !== null && w.ch.caseMoves(w.send, task) > 0) return true;
    return false;
  }

  enabled(task: Task): boolean {
    return task.released || this.hasDefault || this.anyReady(task);
  }

  alternatives(task: Task): number {
    if (task.released) return 1;
    let n = 0;
    for (const w of this.cases) if (w !== null) n += w.ch.caseMoves(w.send, task);
    return n || 1; // no ready case: the default
  }

  wakeAt(): number {
    let due = Infinity;
    for (const w of this.cases) if (w !== null && w.ch.timed) due = Math.min(due, w.ch.caseDue());
    return due;
  }

  fire(task: Task, alt: number): unknown {
    if (task.released) {
      task.lastArg = this.taken!.index;
      return this.result;
    }
    this.locate(task, alt);
    this.withdrawAll();
    this.touchAll();
    const k = this.pickCase;
    task.lastArg = k;
    if (k < 0) return DEFAULT;
    const w = this.cases[k]!;
    const v = w.ch.takeCase(w.send, w.value, this.pickAlt);
    if (v === PANIC) return PANIC;
    return w.send ? { index: k, value: undefined, ok: true } : { index: k, value: v, ok: w.ch.lastOk };
  }

  /** A partner met case `w` (or a close woke it): the select is complete with it. */
  complete(w: SelectWaiter, value: unknown, ok: boolean): void {
    this.done = true;
    this.taken = w;
    this.result = value === PANIC ? PANIC : w.send ? { index: w.index, value: undefined, ok: true } : { index: w.index, value, ok };
    this.withdrawAll();
    this.touchAll();
    this.task!.released = true;
  }

  describe(op: OpFields, alt?: number): string {
    const head = this.head();
    if (!isPending(op)) {
      // The last operation of a stalled task: which case it took (fire saved it).
      const k = op.arg as number | undefined;
      return k === undefined ? head : `${head} → ${k < 0 ? 'default' : this.caseText(k)}`;
    }
    const t = op;
    if (t.released) return `${head} → ${this.caseText(this.taken!.index)}${this.outcome()}`;
    if (alt === undefined) {
      if (this.cases.length === 0 && !this.hasDefault) return 'select with no cases (blocks forever)';
      return this.enabled(t) ? head : `${head} (blocked)`;
    }
    this.locate(t, alt);
    const k = this.pickCase;
    if (k < 0) return `${head} → default`;
    const w = this.cases[k]!;
    const p = w.ch.casePartner(w.send, t, this.pickAlt);
    return `${head} → ${this.caseText(k)}${p === undefined ? '' : ` (${w.send ? 'to' : 'from'} ${p.name})`}`;
  }

  /** `select [recv jobs, send out <- 1, default]`. */
  private head(): string {
    const parts = this.cases.map((_, i) => this.caseText(i));
    if (this.hasDefault) parts.push('default');
    return `select [${parts.join(', ')}]`;
  }

  private caseText(i: number): string {
    const w = this.cases[i];
    return w === null || w === undefined ? 'nil' : w.ch.caseText(w.send, w.value);
  }

  /** How a case completed by a partner or a close went: ` (got 5)`, ` (closed)`, ` (delivered)`. */
  private outcome(): string {
    const r = this.result;
    if (r === PANIC) return ' (closed)';
    const { value, ok } = r as Taken;
    if (this.taken!.send) return ' (delivered)';
    return ok ? ` (got ${show(value)})` : ' (closed)';
  }

  /** Finds the case and partner of move `alt` (see alternatives) into pickCase / pickAlt. */
  private locate(task: Task, alt: number): void {
    for (let i = 0; i < this.cases.length; i++) {
      const w = this.cases[i]!;
      if (w === null) continue;
      const n = w.ch.caseMoves(w.send, task);
      if (alt < n) {
        this.pickCase = i;
        this.pickAlt = alt;
        return;
      }
      alt -= n;
    }
    this.pickCase = -1;
    this.pickAlt = 0;
  }

  // Dependence (see runtime/deps.ts): a select's step reads every case's
  // channel to choose, and writes the queues it withdraws from; so does the
  // step of a partner that completes it.
  private touchAll(): void {
    for (const w of this.cases) if (w !== null) this.exec.touch(w.ch);
  }

  private withdrawAll(): void {
    for (const w of this.cases) if (w !== null) w.ch.withdraw(w);
  }
}

interface CaseSpec {
  readonly ch: Selectable;
  readonly send: boolean;
  readonly value: unknown;
}

function parseCase(c: unknown, i: number): CaseSpec | null {
  if (c === null) return null;
  if (c instanceof Channel || c instanceof TimerChannel) return { ch: c, send: false, value: undefined };
  if (typeof c === 'object') {
    const { kind, channel, value } = c as { kind?: unknown; channel?: unknown; value?: unknown };
    if ((kind === 'recv' || kind === 'send') && (channel instanceof Channel || channel instanceof TimerChannel)) {
      if (kind === 'recv') return { ch: channel, send: false, value: undefined };
      if (channel instanceof TimerChannel) throw new TypeError(`select case ${i} sends on ${channel.label}, which is receive-only`);
      return { ch: channel, send: true, value };
    }
  }
  throw new TypeError(
    `select expects each case to be ch.recvCase(), ch.sendCase(value), a channel to receive from, or null; case ${i} is ${show(c)}`,
  );
}
