import type { Execution } from '../runtime/execution.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { ReceiveChannel, RecvCase, Ticker } from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { isPending } from './describe.js';
import type { Selectable } from './select-case.js';

const RECV = 1;
const RECV_OK = 2;

/**
 * The channel of a timer: `after(ms)` (one value) or a ticker (a value every
 * period), Go's `time.After` and `time.Ticker.C`. It holds one value, the
 * virtual time the timer fired at; a tick that fires while one is waiting is
 * dropped, as Go's ticker drops ticks for a slow reader.
 *
 * The timer is not a task: it takes no step. Its firings are computed lazily
 * from the clock (`sync`), which gives the same answer as firing each one when
 * the clock reaches it, before any step at that instant, because the clock
 * never goes back and every look at the channel syncs first. A receive on it
 * (or a select case) is a timed operation: enabled once the value is there,
 * and until then a due time the clock can jump to (`wakeAt`). A timer nobody
 * waits on is not looked at by the clock, so it keeps no execution alive and
 * hides no deadlock, as in Go.
 *
 * When several tasks wait for one value, which one gets it is a choice among
 * their steps; the others go on waiting (for an `after`, forever).
 */
export class TimerChannel implements Operation, Selectable, ReceiveChannel<number> {
  readonly timed = true;
  readonly capacity = 1;
  lastOk = true;
  /** When the next value fires; Infinity when no more will (an `after` that fired, a stopped ticker). */
  private next: number;
  /** Ticks are start + k·period; 0 for `after`. */
  private k = 1;
  private value = 0;
  private full = false;
  private stopped = false;

  constructor(
    private readonly exec: Execution,
    readonly label: string,
    private readonly start: number,
    private readonly period: number,
    delay: number,
  ) {
    this.next = start + delay;
  }

  get name(): string {
    return this.label;
  }

  get length(): number {
    this.sync();
    return this.full ? 1 : 0;
  }

  recv(): Promise<number | undefined> {
    return this.exec.pause(this, RECV, undefined) as Promise<number | undefined>;
  }

  recvOk(): Promise<[number, true] | [undefined, false]> {
    return this.exec.pause(this, RECV_OK, undefined) as Promise<[number, true] | [undefined, false]>;
  }

  recvCase(): RecvCase<number> {
    return { kind: 'recv', channel: this };
  }

  [Symbol.asyncIterator](): AsyncIterator<number, undefined> {
    // A timer's channel is never closed: for a ticker, the loop runs until the scenario leaves it.
    return { next: () => this.recv().then((value) => ({ done: false, value: value! })) };
  }

  /** Go's Ticker.Stop: no more ticks, and one not yet received is discarded. */
  stop(): void {
    this.stopped = true;
    this.next = Infinity;
    this.full = false;
  }

  enabled(): boolean {
    this.sync();
    return this.full;
  }

  wakeAt(): number {
    this.sync();
    return this.next;
  }

  fire(task: Task): unknown {
    const v = this.takeCase();
    // A stall report describes this receive long after: keep what it got.
    task.lastArg = v;
    return task.opCode === RECV_OK ? [v, true] : v;
  }

  describe(op: OpFields): string {
    const head = `recv ${this.label}`;
    if (!isPending(op)) return op.arg === undefined ? head : `${head} (got ${op.arg as number})`;
    this.sync();
    return this.full ? head : `${head} (${this.state()})`;
  }

  private state(): string {
    if (this.stopped) return 'stopped';
    if (this.next !== Infinity) return this.period === 0 ? `fires at ${this.next}ms` : `next tick at ${this.next}ms`;
    return 'fired once, its value already taken';
  }

  // --- select (see select-case.ts) -----------------------------------------

  caseMoves(): number {
    this.sync();
    return this.full ? 1 : 0;
  }

  casePartner(): undefined {
    return undefined;
  }

  caseDue(): number {
    this.sync();
    return this.full ? this.exec.now : this.next;
  }

  takeCase(): number {
    this.sync();
    this.full = false;
    return this.value;
  }

  // A timer meets nobody: its value is simply there from its due time on.
  enqueue(): void {}

  withdraw(): void {}

  caseText(): string {
    return `recv ${this.label}`;
  }

  /** Delivers the firings due by now: the first into the empty buffer, the others dropped. */
  private sync(): void {
    const now = this.exec.now;
    if (this.next > now) return;
    if (!this.full) {
      this.full = true;
      this.value = this.next;
    }
    if (this.period === 0) {
      this.next = Infinity;
      return;
    }
    // Ticks stay on the ticker's phase (start + k·period), as Go's do after a drop.
    // (The division only estimates k; the products decide, whatever the rounding.)
    let k = Math.max(this.k + 1, Math.floor((now - this.start) / this.period) + 1);
    while (k > this.k + 1 && this.start + (k - 1) * this.period > now) k--;
    while (this.start + k * this.period <= now) k++;
    this.k = k;
    this.next = this.start + k * this.period;
  }
}

/** The ticker handle: its channel and stop. */
export function tickerOf(ch: TimerChannel): Ticker {
  return { channel: ch, stop: () => ch.stop() };
}

/** Checks a timer's duration; a bad one is a panic in the calling task. */
export function checkTimer(kind: 'after' | 'ticker', ms: unknown): number {
  const positive = kind === 'ticker';
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || (positive && ms === 0)) {
    throw new RangeError(`${kind} expects a finite number of milliseconds ${positive ? '> 0' : '>= 0'}, got ${String(ms)}`);
  }
  return ms;
}
