import { SyncClock, type HappensBefore, type VClock } from '../runtime/hb.js';
import type { Execution } from '../runtime/execution.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Channel as ChannelApi, RecvCase, SendCase } from '../runtime/scenario.js';
import { PENDING, Task } from '../runtime/task.js';
import { isPending, show } from './describe.js';
import { PANIC, type CaseWaiter, type Selectable } from './select-case.js';

const SEND = 0;
const RECV = 1;
const RECV_OK = 2;
const CLOSE = 3;

/** A waiting partner: a task paused at a send or receive, or a case of a pending select. */
type Waiter = Task | CaseWaiter;

/**
 * A Go channel, buffered or not.
 *
 * Go's channel keeps queues of blocked senders and receivers and serves a
 * blocked partner directly: a send to a channel with a blocked receiver hands
 * the value to it (the buffer is empty then), and a receive from a full buffer
 * moves the first blocked sender's value in behind the one it takes. This does
 * the same, so that the partner's operation is complete at the step that took
 * the other side, and the partner resumes at a later step of its own (its
 * task is `released`; a received value waits in its `task.arg`). That matters:
 * others may act before the partner resumes (a value moved into the buffer
 * can be received before its sender runs on), and a later arrival cannot
 * overtake a blocked partner (a value is never left in the buffer for someone
 * else while a receiver was blocked).
 *
 * A task waits as a partner while it is paused at a send or receive that has
 * not taken effect: it is queued when it pauses, in pause order, and leaves the
 * queue when its own operation fires or a partner completes it. A task
 * pending in a `select` (without default) waits the same way on the channel
 * of every case, one queue entry per case (a `CaseWaiter`, Go's sudog): a
 * partner that meets one completes the select with that case, and the select
 * withdraws its other entries at once.
 *
 * When several partners wait, which one meets is a choice (DESIGN). A step
 * that meets a partner offers one move alternative per waiting partner:
 * alternative i meets the i-th in pause order, so alternative 0 is the one
 * that has waited longest (Go's FIFO, and what schedules recorded before
 * alternatives existed). A send meets a receiver when the buffer is empty
 * (buffered or not); a receive meets a sender when the buffer is empty, and
 * when it is full the receive takes the oldest value and the chosen sender's
 * value goes in behind it. The values in the buffer stay in the order they
 * were sent (Go's buffer is FIFO); only which blocked partner completes is a
 * choice. Every waiting partner's own step is also a move that meets the
 * other side: a receive is enabled while a sender waits and the buffer is
 * empty (the two meet as on an unbuffered channel), a send while a receiver
 * waits and the buffer is empty or full (with a full buffer the chosen
 * receiver takes the oldest value and the send's value goes in behind it, as
 * if the receive had moved this sender in). With a choice, a move's
 * description names the partner it meets: `send ch <- 1 (to R2)`,
 * `recv ch (from S2)`. A select never meets its own cases.
 *
 * `close` empties the queues as Go's closechan does: receivers get the zero
 * value (`undefined`, not ok) once the buffer is drained, senders panic — each
 * at its own step, since each is enabled by `closed`. A select that is blocked
 * (no case ready) is woken by the close as Go wakes its sudog: complete with
 * this channel's case, receive cases before send cases. Panics are raised by
 * the facade after its await rather than thrown in `fire`, so that their
 * stack, and the reported source line, is the user's.
 */
export class Channel<T> implements Operation, Selectable, ChannelApi<T> {
  readonly timed = false;
  private readonly buffer: T[] = [];
  private closed = false;
  /** Blocked senders, in pause order; a task's value is its `arg`, a select case's its `value`. */
  private readonly senders: Waiter[] = [];
  /** Blocked receivers, in pause order. */
  private readonly receivers: Waiter[] = [];
  lastOk = true;
  // Happens-before (see runtime/hb.ts), kept only while the execution tracks it:
  // each buffered value's sender clock and the step that sent it; the clocks
  // of receives a later send's completion acquires (Go's rule: the k-th
  // receive is synchronized before the (k+C)-th send completes); close.
  private readonly hbMsg: VClock[] = [];
  private readonly hbMsgStep: number[] = [];
  private readonly hbRecv: VClock[] = [];
  private hbRecvBase = 0;
  private hbSent = 0;
  private readonly hbClose = new SyncClock();

  constructor(
    private readonly exec: Execution,
    readonly label: string,
    readonly capacity: number,
  ) {}

  get name(): string {
    return this.label;
  }

  get length(): number {
    return this.buffer.length;
  }

  async send(value: T): Promise<void> {
    const p = this.exec.pause(this, SEND, value);
    this.enqueueTask(this.senders);
    if ((await p) === PANIC) throw new Error('send on closed channel');
  }

  recv(): Promise<T | undefined> {
    const p = this.exec.pause(this, RECV, undefined);
    this.enqueueTask(this.receivers);
    return p as Promise<T | undefined>;
  }

  recvOk(): Promise<[T, true] | [undefined, false]> {
    const p = this.exec.pause(this, RECV_OK, undefined);
    this.enqueueTask(this.receivers);
    return p as Promise<[T, true] | [undefined, false]>;
  }

  async close(): Promise<void> {
    if ((await this.exec.pause(this, CLOSE, undefined)) === PANIC) throw new Error('close of closed channel');
  }

  recvCase(): RecvCase<T> {
    return { kind: 'recv', channel: this };
  }

  sendCase(value: T): SendCase<T> {
    return { kind: 'send', channel: this, value };
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    // recvOk pauses inside next(), so each iteration of `for await` is one receive.
    return { next: () => this.recvOk().then(toResult) };
  }

  enabled(task: Task): boolean {
    if (task.released) return true;
    // A plain operation's task is in neither queue of the other side, so the lengths count its partners.
    switch (task.opCode) {
      case SEND:
        return this.closed || this.buffer.length < this.capacity || this.receivers.length > 0;
      case CLOSE:
        return true;
      default:
        return this.buffer.length > 0 || this.closed || this.senders.length > 0;
    }
  }

  alternatives(task: Task): number {
    if (task.released || task.opCode === CLOSE) return 1;
    return this.caseMoves(task.opCode === SEND, task) || 1;
  }

  fire(task: Task, alt = 0): unknown {
    switch (task.opCode) {
      case SEND:
        if (task.released) return undefined; // a receiver has taken the value
        if (this.closed) return PANIC;
        remove(this.senders, task);
        this.put(task.arg as T, alt);
        return undefined;
      case CLOSE:
        if (this.closed) return PANIC;
        this.closeNow();
        return undefined;
      default: {
        let value: T | undefined;
        let ok = true;
        if (task.released) {
          value = task.arg as T; // a sender handed it over
        } else {
          remove(this.receivers, task);
          value = this.take(alt);
          ok = this.lastOk;
        }
        if (task.opCode === RECV) return value;
        return ok ? [value, true] : [undefined, false];
      }
    }
  }

  // --- select (see select-case.ts) -----------------------------------------

  caseMoves(send: boolean, self: Task): number {
    if (this.closed) return 1;
    const q = this.partnerQueue(send);
    if (q !== undefined) {
      const n = count(q, self);
      if (n > 0) return n;
    }
    return send ? (this.buffer.length < this.capacity ? 1 : 0) : this.buffer.length > 0 ? 1 : 0;
  }

  casePartner(send: boolean, self: Task, alt: number): Task | undefined {
    if (this.closed) return undefined;
    const q = this.partnerQueue(send);
    if (q === undefined || count(q, self) < 2) return undefined;
    const w = nth(q, self, alt);
    return w === undefined ? undefined : taskOf(w);
  }

  caseDue(): number {
    return Infinity;
  }

  takeCase(send: boolean, value: unknown, alt: number): unknown {
    if (!send) return this.take(alt);
    if (this.closed) return PANIC;
    this.put(value as T, alt);
    return undefined;
  }

  enqueue(w: CaseWaiter): void {
    // Not on a closed channel: the case is ready anyway, and no partner may meet it.
    if (this.exec.ended || this.closed) return;
    (w.send ? this.senders : this.receivers).push(w);
  }

  withdraw(w: CaseWaiter): void {
    remove(w.send ? this.senders : this.receivers, w);
  }

  caseText(send: boolean, value: unknown): string {
    return send ? `send ${this.label} <- ${show(value)}` : `recv ${this.label}`;
  }

  // --- the moves ---------------------------------------------------------------

  /**
   * The queue of waiting partners a send (or receive) would meet now, one
   * move alternative each; undefined when it meets nobody whatever waits (a
   * send into a buffer with room and values, a receive from a buffer that is
   * neither empty nor full).
   */
  private partnerQueue(send: boolean): Waiter[] | undefined {
    const n = this.buffer.length;
    if (send) return n === 0 || n >= this.capacity ? this.receivers : undefined;
    return n === 0 || n === this.capacity ? this.senders : undefined;
  }

  /** A send, by a task no longer queued here, meeting the `alt`-th waiting receiver if it meets one. */
  private put(value: T, alt: number): void {
    const hb = this.exec.hb;
    const s = this.exec.currentTask();
    if (this.buffer.length === 0 && this.receivers.length > 0) {
      // A receiver is blocked: the chosen one gets the value directly.
      const r = take(this.receivers, alt);
      if (hb !== null) {
        this.hbReceived(hb, taskOf(r), hb.snapshot(s), hb.step);
        this.hbSendDone(hb, s);
      }
      this.deliver(r, value);
    } else if (this.buffer.length < this.capacity) {
      this.buffer.push(value);
      if (hb !== null) this.hbBuffered(hb, s);
    } else {
      // Full, with a receiver waiting: the chosen one takes the oldest value, this one goes in behind.
      const r = take(this.receivers, alt);
      if (hb !== null) this.hbReceived(hb, taskOf(r), this.hbMsg.shift()!, this.hbMsgStep.shift()!);
      this.deliver(r, this.buffer.shift()!);
      this.buffer.push(value);
      if (hb !== null) this.hbBuffered(hb, s);
    }
  }

  /** A receive, by a task no longer queued here: the value, with `lastOk` false when closed and drained. */
  private take(alt: number): T | undefined {
    this.lastOk = true;
    const hb = this.exec.hb;
    const r = this.exec.currentTask();
    if (this.buffer.length > 0) {
      // Senders are blocked only while the buffer is full: then the chosen
      // one's value takes the freed place, behind the others, and its send
      // is complete.
      const full = this.buffer.length === this.capacity;
      const value = this.buffer.shift();
      if (hb !== null) this.hbReceived(hb, r, this.hbMsg.shift()!, this.hbMsgStep.shift()!);
      if (full && this.senders.length > 0) {
        const s = take(this.senders, alt);
        this.buffer.push(sent<T>(s));
        if (hb !== null) this.hbBuffered(hb, taskOf(s));
        release(s);
      }
      return value;
    }
    if (this.senders.length > 0) {
      const s = take(this.senders, alt);
      const value = sent<T>(s);
      if (hb !== null) {
        this.hbReceived(hb, r, hb.snapshot(taskOf(s)), hb.step);
        this.hbSendDone(hb, taskOf(s));
      }
      release(s);
      return value;
    }
    this.lastOk = false; // closed and drained
    if (hb !== null) hb.acquire(this.hbClose, r, true);
    return undefined;
  }

  // --- happens-before ------------------------------------------------------------

  /** Receiver `r` takes a value sent with clock `msg` at step `from`; its receive is counted. */
  private hbReceived(hb: HappensBefore, r: Task, msg: VClock, from: number): void {
    hb.acquireClock(msg, from, r, r === this.exec.currentTask());
    this.hbRecv.push(hb.snapshot(r));
  }

  /** Sender `s`'s value went into the buffer: it carries s's clock, and s's send is complete. */
  private hbBuffered(hb: HappensBefore, s: Task): void {
    this.hbMsg.push(hb.snapshot(s));
    this.hbMsgStep.push(hb.step);
    this.hbSendDone(hb, s);
  }

  /** Sender `s`'s send completes: the (k+C)-th send acquires the k-th receive. */
  private hbSendDone(hb: HappensBefore, s: Task): void {
    const k = this.hbSent++ - this.capacity;
    if (k < this.hbRecvBase) return;
    const i = k - this.hbRecvBase;
    if (i < this.hbRecv.length) {
      hb.acquireClock(this.hbRecv[i]!, hb.step, s, s === this.exec.currentTask());
      // Sends complete in order: no later send needs the receives up to this one.
      this.hbRecv.splice(0, i + 1);
      this.hbRecvBase = k + 1;
    }
  }

  /** Completes a waiting receiver's operation with `value`; it resumes at a step of its own. */
  private deliver(r: Waiter, value: T): void {
    if (r instanceof Task) {
      r.arg = value;
      r.released = true;
    } else {
      r.complete(value, true);
    }
  }

  private closeNow(): void {
    const hb = this.exec.hb;
    if (hb !== null) hb.release(this.hbClose, this.exec.currentTask());
    // A blocked select is woken with its case on this channel; one that has a
    // ready case is about to choose, and now this case is ready too.
    if (this.receivers.some(isCase)) {
      for (const w of this.receivers.slice()) {
        if (w instanceof Task || !w.blocked()) continue;
        if (hb !== null) hb.acquire(this.hbClose, w.task, false);
        w.complete(undefined, false);
      }
    }
    if (this.senders.some(isCase)) {
      for (const w of this.senders.slice()) if (!(w instanceof Task) && w.blocked()) w.complete(PANIC, false);
    }
    this.closed = true;
    // Everyone still queued is now enabled by `closed`; nobody meets them any more.
    this.senders.length = 0;
    this.receivers.length = 0;
  }

  describe(op: OpFields, alt?: number): string {
    const l = this.label;
    switch (op.opCode) {
      case SEND:
        return `send ${l} <- ${show(op.arg)}${isPending(op) ? this.sendState(op) + this.partner(op, alt, 'to') : ''}`;
      case CLOSE:
        return `close ${l}`;
      default:
        return `recv ${l}${isPending(op) ? this.recvState(op) + this.partner(op, alt, 'from') : ''}`;
    }
  }

  /** ` (to R2)`: the partner a move meets, when the step offers a choice of partners. */
  private partner(t: Task, alt: number | undefined, dir: string): string {
    if (alt === undefined || t.released) return '';
    const p = this.casePartner(t.opCode === SEND, t, alt);
    return p === undefined ? '' : ` (${dir} ${p.name})`;
  }

  private sendState(t: Task): string {
    if (t.released) return ' (delivered)';
    if (this.closed) return ' (closed)';
    if (this.buffer.length < this.capacity || this.receivers.length > 0) return '';
    return this.capacity === 0 ? ' (no receiver)' : ` (full, ${this.capacity}/${this.capacity})`;
  }

  private recvState(t: Task): string {
    if (t.released) return ` (got ${show(t.arg)})`;
    if (this.buffer.length > 0) return '';
    if (this.closed) return ' (closed)';
    if (this.senders.length > 0) return '';
    return this.capacity === 0 ? ' (no sender)' : ' (empty)';
  }

  // Queues the task that has just paused on this channel. Not when the
  // channel is closed: its operation is enabled anyway, and no partner may
  // meet it (a receive must not take a value from a send that will panic).
  private enqueueTask(queue: Waiter[]): void {
    if (this.exec.ended || this.closed) return;
    const t = this.exec.currentTask();
    if (t.op === this && t.state === PENDING) queue.push(t);
  }
}

function toResult<T>(r: [T, true] | [undefined, false]): IteratorResult<T, undefined> {
  return r[1] ? { done: false, value: r[0] } : { done: true, value: undefined };
}

const isCase = (w: Waiter): boolean => !(w instanceof Task);

function taskOf(w: Waiter): Task {
  return w instanceof Task ? w : w.task;
}

/** The value a waiting sender sends. */
function sent<T>(w: Waiter): T {
  return (w instanceof Task ? w.arg : w.value) as T;
}

/** Completes a waiting sender whose value was taken; it resumes at a step of its own. */
function release(w: Waiter): void {
  if (w instanceof Task) w.released = true;
  else w.complete(undefined, true);
}

/** Waiting partners of `self`: the queue's entries that are not its own select's cases. */
function count(queue: readonly Waiter[], self: Task): number {
  let n = 0;
  for (let i = 0; i < queue.length; i++) if (taskOf(queue[i]!) !== self) n++;
  return n;
}

/** The `i`-th waiting partner of `self` in the queue. */
function nth(queue: readonly Waiter[], self: Task, i: number): Waiter | undefined {
  for (let j = 0; j < queue.length; j++) {
    const w = queue[j]!;
    if (taskOf(w) !== self && i-- === 0) return w;
  }
  return undefined;
}

/** Removes and returns the queue's `i`-th entry: the partner that move alternative `i` meets. */
function take(queue: Waiter[], i: number): Waiter {
  return queue.splice(i, 1)[0]!;
}

function remove(queue: Waiter[], w: Waiter): void {
  const i = queue.indexOf(w);
  if (i >= 0) queue.splice(i, 1);
}
