/**
 * What a scenario is, and the runtime surface its `main` receives.
 *
 * Everything a scenario uses comes from that argument, so a scenario file
 * needs no import and can live anywhere.
 */

/** Options a scenario can fix for itself; explore() options override them. */
export interface ScenarioOptions {
  /**
   * Steps after which an execution ends with `step-limit`.
   * @default 10000
   */
  maxSteps?: number;
  /**
   * Run the other tasks out after main returns, instead of ending the
   * execution as Go does.
   * @default false
   */
  waitForTasks?: boolean;
}

/** A small concurrent program: `main` and the tasks it starts with `go`. */
export interface Scenario<R = unknown> {
  /** Unique within its file; used by `--scenario` and in reports. */
  name: string;
  /** One line shown by `interleave list`. */
  description?: string;
  options?: ScenarioOptions;
  main(rt: Runtime): R | Promise<R>;
}

/** A task started by `go`, or main. */
export interface TaskHandle<T = unknown> {
  readonly id: number;
  readonly name: string;
  /** Waits until the task has returned; resolves to its return value. A scheduling operation. */
  join(): Promise<T>;
}

/** A variable shared between tasks; every access is a scheduling operation. */
export interface Shared<T> {
  readonly name: string;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Reads, applies `fn` and writes back in one step (an atomic read-modify-write). */
  update(fn: (value: T) => T): Promise<T>;
}

/** Go's sync.WaitGroup. `add` and `done` take effect at once; `wait` is a scheduling operation. */
export interface WaitGroup {
  readonly name: string;
  add(delta?: number): void;
  done(): void;
  wait(): Promise<void>;
}

/**
 * Go's sync.Mutex. `lock` and `tryLock` are scheduling operations; `unlock`
 * takes effect at once. When several tasks wait for the mutex, which one gets
 * it next is a choice the exploration covers.
 */
export interface Mutex {
  readonly name: string;
  /** Waits until the mutex is free and takes it. */
  lock(): Promise<void>;
  /**
   * Frees the mutex (any task may, as in Go).
   * @throws `sync: unlock of unlocked mutex` when it is not locked: a panic in the calling task.
   */
  unlock(): void;
  /** Takes the mutex if it is free at this step; never blocks. */
  tryLock(): Promise<boolean>;
}

/**
 * Go's sync.RWMutex: many readers or one writer. A writer that has started
 * `lock` while readers hold the mutex blocks new readers until it has taken
 * and released it (writer preference), so a reader that read-locks again while
 * a writer waits deadlocks, as in Go.
 */
export interface RWMutex {
  readonly name: string;
  /** Takes the write lock. Two steps when readers hold it: one that bars new readers, one that takes it once they have left. */
  lock(): Promise<void>;
  /** @throws `sync: Unlock of unlocked RWMutex` when it is not write-locked. */
  unlock(): void;
  /** Takes a read lock; blocked while a writer holds the mutex or waits for it. */
  rlock(): Promise<void>;
  /** @throws `sync: RUnlock of unlocked RWMutex` when no reader holds it. */
  runlock(): void;
  /** Takes the write lock if nobody holds it or waits for it at this step. */
  tryLock(): Promise<boolean>;
  /** Takes a read lock if no writer holds it or waits for it at this step. */
  tryRLock(): Promise<boolean>;
}

/**
 * A channel that can only be received from, Go's `<-chan T`: what `after` and
 * `ticker` give. Receiving is a scheduling operation.
 */
export interface ReceiveChannel<T> extends AsyncIterable<T> {
  readonly name: string;
  /** The buffer size; 0 for an unbuffered channel, 1 for a timer's channel. */
  readonly capacity: number;
  /** Values in the buffer now, like Go's `len(ch)`: a snapshot, not a scheduling operation. */
  readonly length: number;
  /** Receives a value; `undefined` (Go's zero value) once the channel is closed and drained. */
  recv(): Promise<T | undefined>;
  /** Go's `v, ok := <-ch`: `[value, true]`, or `[undefined, false]` once the channel is closed and drained. */
  recvOk(): Promise<[T, true] | [undefined, false]>;
  /** A receive case for `select`, Go's `case v, ok := <-ch`. */
  recvCase(): RecvCase<T>;
}

/**
 * A Go channel. `send`, `recv`, `recvOk` and `close` are scheduling
 * operations. Unbuffered: a send and a receive meet; the step that takes
 * either side completes the hand-off and the partner resumes at a later step.
 * Buffered: a send blocks only while the buffer is full, a receive only while
 * it is empty. Iterating with `for await` receives until the channel is closed
 * and drained.
 */
export interface Channel<T> extends ReceiveChannel<T> {
  /**
   * Sends `value`, waiting for a receiver (unbuffered) or for buffer space.
   * @throws `send on closed channel` when the channel is closed before the send takes effect.
   */
  send(value: T): Promise<void>;
  /**
   * Closes the channel: waiting receivers get `[undefined, false]`, waiting senders panic.
   * @throws `close of closed channel` when it is already closed.
   */
  close(): Promise<void>;
  /** A send case for `select`, Go's `case ch <- value`. */
  sendCase(value: T): SendCase<T>;
}

/** A receive case of `select`; made by `ch.recvCase()`. */
export interface RecvCase<T> {
  readonly kind: 'recv';
  readonly channel: ReceiveChannel<T>;
}

/** A send case of `select`; made by `ch.sendCase(value)`. */
export interface SendCase<T> {
  readonly kind: 'send';
  readonly channel: Channel<T>;
  readonly value: T;
}

/**
 * A case of `select`: a receive or send case, a channel (short for its
 * receive case), or `null` — Go's nil channel, a case that is never ready.
 */
export type SelectCase = RecvCase<unknown> | SendCase<unknown> | ReceiveChannel<unknown> | null;

/** What a receive case at `index` gives: a value, or Go's zero value with `ok` false once its channel is closed and drained. */
export type SelectRecv<T, I extends number = number> =
  | { readonly index: I; readonly value: T; readonly ok: true }
  | { readonly index: I; readonly value: undefined; readonly ok: false };

/** What a send case at `index` gives: the value was sent. */
export interface SelectSend<I extends number = number> {
  readonly index: I;
  readonly value: undefined;
  readonly ok: true;
}

/** What `select` gives when it took its default: no case was ready. */
export interface SelectDefault {
  readonly index: -1;
  readonly value: undefined;
  readonly ok: false;
}

type CaseIndex<K> = K extends number ? K : K extends `${infer N extends number}` ? N : number;
type CaseResult<C, I extends number> =
  C extends SendCase<unknown>
    ? SelectSend<I>
    : C extends RecvCase<infer T>
      ? SelectRecv<T, I>
      : C extends ReceiveChannel<infer T>
        ? SelectRecv<T, I>
        : never;

/**
 * The result of `select` over `cases`: which case was taken (its `index`), typed per case.
 * @example
 * const r = await select([jobs, quit.recvCase()]);
 * if (r.index === 0 && r.ok) r.value; // a job
 */
export type SelectResult<C extends readonly SelectCase[]> = { [K in keyof C]: CaseResult<C[K], CaseIndex<K>> }[number];

export interface SelectOptions {
  /**
   * Go's `default:` — when no case is ready, take the default (index -1)
   * instead of blocking. When some case is ready, a ready case is taken.
   * @default false
   */
  default?: boolean;
}

/** A ticker: Go's `time.Ticker`. */
export interface Ticker {
  /**
   * Receives the virtual time of each tick, every `ms` from the ticker's
   * start. It holds one tick: ticks that come while one is waiting are
   * dropped, as Go's ticker drops them for a slow reader.
   */
  readonly channel: ReceiveChannel<number>;
  /** Stops the ticks; a tick not yet received is discarded (as in Go 1.23). Takes effect at once. */
  stop(): void;
}

/** Go's sync.Once. */
export interface Once {
  readonly name: string;
  /**
   * The first call runs `fn` (which may await scheduling operations) in the
   * calling task; every other call waits until that call has returned, then
   * returns without running its `fn`. If `fn` throws, the once counts as done.
   */
  do(fn: () => unknown): Promise<void>;
}

/** Go's sync.Cond over a mutex made by `mutex()`. */
export interface Cond {
  readonly name: string;
  /**
   * Unlocks the mutex and waits for a signal in one step, then re-locks the
   * mutex before returning (a second step). The caller must hold the mutex.
   * @throws `sync: unlock of unlocked mutex` when the mutex is not locked.
   */
  wait(): Promise<void>;
  /** Wakes the task that has waited longest, if any; takes effect at once. */
  signal(): void;
  /** Wakes every waiting task; takes effect at once. */
  broadcast(): void;
}

/** Go's golang.org/x/sync/semaphore.Weighted, without contexts. */
export interface Semaphore {
  readonly name: string;
  /**
   * Takes `k` units, waiting in FIFO order behind earlier blocked
   * acquirers; `k` larger than the size blocks forever, as in Go.
   * @default k 1
   */
  acquire(k?: number): Promise<void>;
  /**
   * Gives back `k` units and hands them to waiting acquirers, in order; takes effect at once.
   * @throws `semaphore: released more than held`
   */
  release(k?: number): void;
  /** Takes `k` units if they are free and nobody waits at this step; never blocks. */
  tryAcquire(k?: number): Promise<boolean>;
}

/** The world one execution runs in. */
export interface Runtime {
  /** Starts a task; it runs synchronously up to its first scheduling operation. */
  go<T>(fn: () => T | Promise<T>, name?: string): TaskHandle<T>;
  /** Waits `ms` of virtual time. `sleep(0)` behaves like `yield`. */
  sleep(ms: number): Promise<void>;
  /** Lets another task run. */
  yield(): Promise<void>;
  /** `yield` under a name that can be destructured in strict code. */
  yieldNow(): Promise<void>;
  /** Prints one output line, formatted like console.log. */
  print(...values: unknown[]): Promise<void>;
  /** Virtual time in milliseconds since the execution started. */
  now(): number;
  shared<T>(name: string, initial: T): Shared<T>;
  waitGroup(name?: string): WaitGroup;
  /** A new mutex; named `mutex#1`, `mutex#2`, ... unless `name` is given. */
  mutex(name?: string): Mutex;
  /** A new readers-writer mutex; named `rwMutex#1`, ... unless `name` is given. */
  rwMutex(name?: string): RWMutex;
  /**
   * A new channel of `capacity` buffered values (0: unbuffered); named `chan#1`, ... unless `name` is given.
   * @default capacity 0
   */
  channel<T>(capacity?: number, name?: string): Channel<T>;
  /**
   * Go's `select`: waits until one of `cases` is ready and takes it; when
   * several are, which one is a choice the exploration covers (each ready
   * case, and each partner it may meet, is a move of its own). With
   * `{ default: true }` it never blocks: when no case is ready it gives
   * `index: -1`. A scheduling operation; `select([])` blocks forever.
   * @throws `send on closed channel` when the case taken is a send on a closed channel.
   * @example
   * const r = await select([results, after(1000)]);
   * if (r.index === 0) await print(`got ${r.value}`);
   * else await print('timed out');
   */
  select<const C extends readonly SelectCase[]>(cases: C): Promise<SelectResult<C>>;
  select<const C extends readonly SelectCase[]>(
    cases: C,
    options: SelectOptions & { default: true },
  ): Promise<SelectResult<C> | SelectDefault>;
  select<const C extends readonly SelectCase[]>(cases: C, options?: SelectOptions): Promise<SelectResult<C> | SelectDefault>;
  /**
   * Go's `time.After`: a channel that receives the virtual time once, `ms`
   * from now. Waiting on it lets the clock move to that time; a timer nobody
   * waits on keeps nothing alive. Named `after#1`, ... unless `name` is given.
   */
  after(ms: number, name?: string): ReceiveChannel<number>;
  /** Go's `time.NewTicker`: ticks every `ms` of virtual time until stopped. Named `ticker#1`, ... unless `name` is given. */
  ticker(ms: number, name?: string): Ticker;
  /** A new sync.Once; named `once#1`, ... unless `name` is given. */
  once(name?: string): Once;
  /** A new condition variable over `mutex`; named `cond#1`, ... unless `name` is given. */
  cond(mutex: Mutex, name?: string): Cond;
  /** A new weighted semaphore of `size` units; named `semaphore#1`, ... unless `name` is given. */
  semaphore(size: number, name?: string): Semaphore;
  /** Records a `violation` when `cond` is false; the task goes on. */
  /**
   * A controlled stand-in for real async I/O: the task pauses, the scheduler
   * picks the step at which it completes, and `fn` gives the result then (a
   * throw is a failed request). Pass io-wrapped dependencies to real async
   * code to see the interleavings real I/O allows. `fn` must not call
   * scheduling operations. Another task may await the returned promise (a
   * shared in-flight request): that await is a scheduling operation of its
   * own, taken once the io has completed, with the same value or error.
   * @example
   * const fetchUser = (id: string) => io('db', () => users[id]);
   */
  io<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /**
   * A choice the scheduler makes: resolves to a whole number below `n`, or to
   * one of `values`. Exhaustive exploration tries every one; it is a
   * scheduling operation.
   * @example
   * const coin = await choose(['heads', 'tails']);
   */
  choose(n: number): Promise<number>;
  choose<T>(values: readonly T[]): Promise<T>;
  assert(cond: unknown, message?: string): void;
  /** The running task. */
  self(): TaskHandle;
}

/**
 * Identity function that gives a scenario object its type.
 *
 * @example
 * export default defineScenario({
 *   name: 'hello',
 *   async main({ go, print }) {
 *     go(() => print('from a task'));
 *     await print('from main');
 *   },
 * });
 */
export function defineScenario<R>(scenario: Scenario<R>): Scenario<R>;
export function defineScenario<R>(scenarios: Scenario<R>[]): Scenario<R>[];
export function defineScenario<R>(s: Scenario<R> | Scenario<R>[]): Scenario<R> | Scenario<R>[] {
  return s;
}
