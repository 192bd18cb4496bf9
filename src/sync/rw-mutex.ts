import type { Execution } from '../runtime/execution.js';
import { SyncClock } from '../runtime/hb.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { RWMutex as RWMutexApi } from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { isPending } from './describe.js';

const LOCK = 0;
/** The second step of a lock that found readers inside: it waits for them to leave. */
const LOCK_READERS_GONE = 1;
const RLOCK = 2;
const TRY_LOCK = 3;
const TRY_RLOCK = 4;

/** What the first step of `lock` did. */
const TAKEN = true;
const ANNOUNCED = false;

/**
 * Go's sync.RWMutex.
 *
 * Go's Lock has two stages, and the first one is observable: it takes the
 * writers' mutex and announces the writer, which from then on blocks every new
 * RLock, and only then waits for the readers inside to leave. That is what
 * makes a reader that read-locks twice deadlock when a writer comes in between
 * — a classic bug this tool must find. A single operation "lock when nobody
 * holds it" could not express it: while readers held the mutex, the waiting
 * writer would not have taken effect yet, so new readers would still get in.
 *
 * So `lock` is one step when the mutex is free (it takes it at once) and two
 * steps when readers hold it: the first announces the writer, the second
 * takes the lock once the readers have left. A writer that merely paused at
 * `lock`, before its first step, has not taken effect and bars nobody, exactly
 * like a goroutine that has not called Lock yet.
 *
 * Readers blocked behind a writer are not granted the lock at the writer's
 * unlock, as Go's Unlock does; they become enabled and take it at steps of
 * their own. A Go program cannot tell the difference: a blocked reader that
 * has not taken its step yet is a reader that has not called RLock yet.
 *
 * As in Go, a lock taken by one task may be released by another; who holds
 * it is tracked only for deadlock reports.
 */
export class RWMutex implements Operation, RWMutexApi {
  readonly timed = false;
  /** The writer holding the lock. */
  private writer: Task | null = null;
  /** The writer that announced itself and waits for the readers to leave. */
  private waitingWriter: Task | null = null;
  /** Readers inside, in the order they entered (a task may appear twice). */
  private readonly readers: Task[] = [];
  /** Happens-before: unlock → the next lock or rlock; runlock → the next lock. */
  private readonly writeClock = new SyncClock();
  private readonly readClock = new SyncClock();

  constructor(
    private readonly exec: Execution,
    readonly label: string,
  ) {}

  get name(): string {
    return this.label;
  }

  async lock(): Promise<void> {
    if ((await this.exec.pause(this, LOCK, undefined)) === ANNOUNCED) {
      await this.exec.pause(this, LOCK_READERS_GONE, undefined);
    }
  }

  unlock(): void {
    if (this.writer === null) throw new Error('sync: Unlock of unlocked RWMutex');
    this.writer = null;
    this.exec.touch(this);
    const hb = this.exec.hb;
    if (hb !== null) hb.release(this.writeClock, this.exec.currentTask());
  }

  rlock(): Promise<void> {
    return this.exec.pause(this, RLOCK, undefined) as Promise<void>;
  }

  runlock(): void {
    if (this.readers.length === 0) throw new Error('sync: RUnlock of unlocked RWMutex');
    // Go does not know which goroutine unlocks; for the reports, the caller's
    // own read lock goes first, else the oldest.
    const i = this.readers.indexOf(this.exec.currentTask());
    this.readers.splice(i < 0 ? 0 : i, 1);
    this.exec.touch(this);
    const hb = this.exec.hb;
    if (hb !== null) hb.release(this.readClock, this.exec.currentTask());
  }

  tryLock(): Promise<boolean> {
    return this.exec.pause(this, TRY_LOCK, undefined) as Promise<boolean>;
  }

  tryRLock(): Promise<boolean> {
    return this.exec.pause(this, TRY_RLOCK, undefined) as Promise<boolean>;
  }

  enabled(task: Task): boolean {
    switch (task.opCode) {
      case LOCK:
      case RLOCK:
        // Writers exclude each other from the announcement on (Go's w mutex);
        // readers wait for a writer inside or announced.
        return this.writer === null && this.waitingWriter === null;
      case LOCK_READERS_GONE:
        return this.readers.length === 0;
      default:
        return true;
    }
  }

  fire(task: Task): unknown {
    const free = this.writer === null && this.waitingWriter === null;
    switch (task.opCode) {
      case LOCK:
        if (this.readers.length === 0) {
          this.takeWrite(task);
          return TAKEN;
        }
        this.waitingWriter = task;
        return ANNOUNCED;
      case LOCK_READERS_GONE:
        this.waitingWriter = null;
        this.takeWrite(task);
        return undefined;
      case RLOCK:
        this.takeRead(task);
        return undefined;
      case TRY_LOCK: {
        const got = free && this.readers.length === 0;
        if (got) this.takeWrite(task);
        task.lastArg = got;
        return got;
      }
      default:
        if (free) this.takeRead(task);
        task.lastArg = free;
        return free;
    }
  }

  describe(op: OpFields): string {
    const l = this.label;
    switch (op.opCode) {
      case LOCK:
        return `lock ${l}${isPending(op) ? this.writerState() : ''}`;
      case LOCK_READERS_GONE:
        return isPending(op) && this.readers.length > 0
          ? `lock ${l} (waiting for readers ${this.readerNames()})`
          : `lock ${l} (readers gone)`;
      case RLOCK:
        return `rlock ${l}${isPending(op) ? this.writerState() : ''}`;
      case TRY_LOCK:
        return op.arg === undefined ? `tryLock ${l}` : `tryLock ${l} (${op.arg ? 'got it' : 'held'})`;
      default:
        return op.arg === undefined ? `tryRLock ${l}` : `tryRLock ${l} (${op.arg ? 'got it' : 'held'})`;
    }
  }

  private takeWrite(task: Task): void {
    this.writer = task;
    const hb = this.exec.hb;
    if (hb !== null) {
      hb.acquire(this.writeClock, task, true);
      hb.acquire(this.readClock, task, true);
    }
  }

  private takeRead(task: Task): void {
    this.readers.push(task);
    const hb = this.exec.hb;
    if (hb !== null) hb.acquire(this.writeClock, task, true);
  }

  /** Why a lock or rlock is blocked: " (held by writer t1)", " (writer t1 waits for readers t2)", or "". */
  private writerState(): string {
    if (this.writer !== null) return ` (held by writer ${this.writer.name})`;
    if (this.waitingWriter !== null) {
      return ` (writer ${this.waitingWriter.name} waits for readers ${this.readerNames()})`;
    }
    return '';
  }

  private readerNames(): string {
    return this.readers.map((t) => t.name).join(', ');
  }
}
