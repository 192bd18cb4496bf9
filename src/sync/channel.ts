import type { Execution } from '../runtime/execution.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Channel as ChannelApi } from '../runtime/scenario.js';
import { PENDING, type Task } from '../runtime/task.js';
import { isPending, show } from './describe.js';

const SEND = 0;
const RECV = 1;
const RECV_OK = 2;
const CLOSE = 3;

/** fire()'s answer when the operation must panic; the facade throws at the user's await, so the panic has their line. */
const PANIC = Symbol('panic');

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
 * queue when its own operation fires or a partner completes it.
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
 * `recv ch (from S2)`.
 *
 * `close` empties the queues as Go's closechan does: receivers get the zero
 * value (`undefined`, not ok) once the buffer is drained, senders panic — each
 * at its own step, since each is enabled by `closed`. Panics are raised by the
 * facade after its await rather than thrown in `fire`, so that their stack, and
 * the reported source line, is the user's.
 */
export class Channel<T> implements Operation, ChannelApi<T> {
  readonly timed = false;
  private readonly buffer: T[] = [];
  private closed = false;
  /** Blocked senders, in pause order; each task's value is its `arg`. */
  private readonly senders: Task[] = [];
  /** Blocked receivers, in pause order. */
  private readonly receivers: Task[] = [];

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
    this.enqueue(this.senders);
    if ((await p) === PANIC) throw new Error('send on closed channel');
  }

  recv(): Promise<T | undefined> {
    const p = this.exec.pause(this, RECV, undefined);
    this.enqueue(this.receivers);
    return p as Promise<T | undefined>;
  }

  recvOk(): Promise<[T, true] | [undefined, false]> {
    const p = this.exec.pause(this, RECV_OK, undefined);
    this.enqueue(this.receivers);
    return p as Promise<[T, true] | [undefined, false]>;
  }

  async close(): Promise<void> {
    if ((await this.exec.pause(this, CLOSE, undefined)) === PANIC) throw new Error('close of closed channel');
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    // recvOk pauses inside next(), so each iteration of `for await` is one receive.
    return { next: () => this.recvOk().then(toResult) };
  }

  enabled(task: Task): boolean {
    if (task.released) return true;
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
    return this.partners(task)?.length ?? 1;
  }

  /**
   * The queue of waiting partners the task's step would meet (one move
   * alternative each), or undefined when the step meets nobody or at most one
   * (a released partner only resumes; a closed channel meets nobody).
   */
  private partners(task: Task): Task[] | undefined {
    if (task.released || this.closed) return undefined;
    let q: Task[] | undefined;
    switch (task.opCode) {
      case SEND: {
        const n = this.buffer.length;
        if (n === 0 || n >= this.capacity) q = this.receivers;
        break;
      }
      case CLOSE:
        break;
      default: {
        const n = this.buffer.length;
        if (n === 0 || n === this.capacity) q = this.senders;
      }
    }
    return q !== undefined && q.length > 1 ? q : undefined;
  }

  fire(task: Task, alt = 0): unknown {
    switch (task.opCode) {
      case SEND:
        return this.fireSend(task, alt);
      case CLOSE:
        if (this.closed) return PANIC;
        this.closed = true;
        // Everyone queued is now enabled by `closed`; nobody meets them any more.
        this.senders.length = 0;
        this.receivers.length = 0;
        return undefined;
      default:
        return this.fireRecv(task, alt);
    }
  }

  private fireSend(task: Task, alt: number): unknown {
    if (task.released) return undefined; // a receiver has taken the value
    if (this.closed) return PANIC;
    remove(this.senders, task);
    const value = task.arg as T;
    if (this.buffer.length === 0 && this.receivers.length > 0) {
      // A receiver is blocked: the chosen one gets the value directly.
      this.complete(take(this.receivers, alt), value);
    } else if (this.buffer.length < this.capacity) {
      this.buffer.push(value);
    } else {
      // Full, with a receiver waiting: the chosen one takes the oldest value, this one goes in behind.
      this.complete(take(this.receivers, alt), this.buffer.shift()!);
      this.buffer.push(value);
    }
    return undefined;
  }

  private fireRecv(task: Task, alt: number): unknown {
    let value: T | undefined;
    let ok = true;
    if (task.released) {
      value = task.arg as T; // a sender handed it over
    } else {
      remove(this.receivers, task);
      if (this.buffer.length > 0) {
        // Senders are blocked only while the buffer is full: then the chosen
        // one's value takes the freed place, behind the others, and its send
        // is complete.
        const full = this.buffer.length === this.capacity;
        value = this.buffer.shift();
        if (full && this.senders.length > 0) {
          const s = take(this.senders, alt);
          this.buffer.push(s.arg as T);
          s.released = true;
        }
      } else if (this.senders.length > 0) {
        const s = take(this.senders, alt);
        value = s.arg as T;
        s.released = true;
      } else {
        ok = false; // closed and drained
      }
    }
    if (task.opCode === RECV) return value;
    return ok ? [value, true] : [undefined, false];
  }

  /** Completes a waiting receiver's operation with `value`; it resumes at a step of its own. */
  private complete(r: Task, value: T): void {
    r.arg = value;
    r.released = true;
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
    if (alt === undefined) return '';
    const p = this.partners(t)?.[alt];
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
  private enqueue(queue: Task[]): void {
    if (this.exec.ended || this.closed) return;
    const t = this.exec.currentTask();
    if (t.op === this && t.state === PENDING) queue.push(t);
  }
}

function toResult<T>(r: [T, true] | [undefined, false]): IteratorResult<T, undefined> {
  return r[1] ? { done: false, value: r[0] } : { done: true, value: undefined };
}

/** Removes and returns the queue's `i`-th task: the partner that move alternative `i` meets. */
function take(queue: Task[], i: number): Task {
  return queue.splice(i, 1)[0]!;
}

function remove(queue: Task[], t: Task): void {
  const i = queue.indexOf(t);
  if (i >= 0) queue.splice(i, 1);
}
