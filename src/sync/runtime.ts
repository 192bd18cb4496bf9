import type { Execution } from '../runtime/execution.js';
import type {
  Channel as ChannelApi,
  Cond as CondApi,
  Mutex as MutexApi,
  Once as OnceApi,
  ReceiveChannel,
  RWMutex as RWMutexApi,
  Runtime,
  SelectCase,
  SelectOptions,
  Semaphore as SemaphoreApi,
  Shared,
  TaskHandle,
  Ticker,
  WaitGroup as WaitGroupApi,
} from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { Channel } from './channel.js';
import { Cond } from './cond.js';
import { checkName } from './describe.js';
import { Join } from './join.js';
import { Mutex } from './mutex.js';
import { Once } from './once.js';
import { formatLine, Stdout } from './print.js';
import { SharedVar } from './shared.js';
import { RWMutex } from './rw-mutex.js';
import { Semaphore } from './semaphore.js';
import { checkChoices, Choose } from './choose.js';
import { Io, startIo } from './io.js';
import { checkDuration, Sleep, Yield } from './time.js';
import { SleepLength } from './jitter.js';
import { Select } from './select.js';
import { checkTimer, TimerChannel, tickerOf } from './timer.js';
import { WaitGroup } from './wait-group.js';

/** yield and choose have no state: one of each for every execution. */
const YIELD = new Yield();
const CHOOSE = new Choose();

/**
 * Builds the runtime object handed to main: thin facades over the execution's hooks.
 * `jitter`: a sleep(ms) may end anywhere in [ms·(1−j), ms·(1+j)] (see jitter.ts).
 */
export function createRuntime(exec: Execution, jitter = 0): Runtime {
  const stdout = new Stdout(exec);
  const sleepOp = new Sleep(exec);
  const sleepLength = jitter === 0 ? null : new SleepLength(jitter);
  // A jittered sleep: first the step that picks its length, then the sleep itself.
  const jittered = async (ms: number, length: SleepLength): Promise<void> => {
    const d = (await exec.pause(length, 0, ms)) as number;
    await exec.pause(sleepOp, 0, ms, exec.now + d);
  };
  // Shared variable names of this execution; most scenarios have none.
  let names: Set<string> | undefined;
  // One io operation per name (the name is what traces and dependence see).
  let ioOps: Map<string, Io> | undefined;

  // A task's handle is kept on the task (not in a WeakMap: one fewer object
  // per execution, and none for the collector to treat as a weak table).
  const handle = <T>(task: Task): TaskHandle<T> => {
    let h = task.handle;
    if (h === undefined) {
      let join: Join | undefined;
      h = {
        id: task.id,
        name: task.name,
        join: () => exec.pause((join ??= new Join(exec, task)), 0, undefined),
      };
      task.handle = h;
    }
    return h as TaskHandle<T>;
  };

  const yieldNow = (): Promise<void> => exec.pause(YIELD, 0, undefined) as Promise<void>;

  return {
    go<T>(fn: () => T | Promise<T>, name?: string): TaskHandle<T> {
      if (typeof fn !== 'function') throw new TypeError(`go expects a function, got ${typeof fn}`);
      if (name !== undefined && typeof name !== 'string') {
        throw new TypeError(`go expects a task name string, got ${typeof name}`);
      }
      return handle<T>(exec.spawn(fn, name));
    },
    sleep(ms: number): Promise<void> {
      const d = checkDuration(ms);
      if (d === 0) return yieldNow();
      if (sleepLength !== null) return jittered(d, sleepLength);
      return exec.pause(sleepOp, 0, d, exec.now + d) as Promise<void>;
    },
    yield: yieldNow,
    yieldNow,
    // Not print(...values): a rest parameter is an array per call, and nearly
    // every call prints one string. `arguments` is only counted and indexed,
    // so the optimizing compiler never makes it either.
    print(value?: unknown): Promise<void> {
      const n = arguments.length;
      if (n === 1 && typeof value === 'string') return exec.pause(stdout, 0, value) as Promise<void>;
      const values: unknown[] = [];
      // eslint-disable-next-line prefer-rest-params -- see above: a rest parameter costs an array per print
      for (let i = 0; i < n; i++) values.push(arguments[i]);
      return exec.pause(stdout, 0, formatLine(values)) as Promise<void>;
    },
    now: () => exec.now,
    shared<T>(name: string, initial: T): Shared<T> {
      if (typeof name !== 'string' || name === '') {
        throw new TypeError(`shared expects a non-empty name, got ${String(name)}`);
      }
      names ??= new Set();
      if (names.has(name)) throw new Error(`shared variable "${name}" already exists in this execution`);
      names.add(name);
      return new SharedVar(exec, name, initial);
    },
    waitGroup(name?: string): WaitGroupApi {
      return new WaitGroup(exec, name ?? exec.nextLabel('wg'));
    },
    mutex(name?: string): MutexApi {
      checkName('mutex', name);
      return new Mutex(exec, name ?? exec.nextLabel('mutex'));
    },
    rwMutex(name?: string): RWMutexApi {
      checkName('rwMutex', name);
      return new RWMutex(exec, name ?? exec.nextLabel('rwMutex'));
    },
    channel<T>(capacity = 0, name?: string): ChannelApi<T> {
      // Go's make(chan T, n) panics on a negative size; a fraction is not a size.
      if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) {
        throw new TypeError(`channel expects a capacity that is an integer >= 0, got ${String(capacity)}`);
      }
      checkName('channel', name);
      return new Channel<T>(exec, name ?? exec.nextLabel('chan'), capacity);
    },
    select(cases: readonly SelectCase[], options?: SelectOptions): Promise<never> {
      return Select.parse(exec, cases, options).run() as Promise<never>;
    },
    after(ms: number, name?: string): ReceiveChannel<number> {
      const d = checkTimer('after', ms);
      checkName('after', name);
      return new TimerChannel(exec, name ?? exec.nextLabel('after'), exec.now, 0, d);
    },
    ticker(ms: number, name?: string): Ticker {
      const d = checkTimer('ticker', ms);
      checkName('ticker', name);
      return tickerOf(new TimerChannel(exec, name ?? exec.nextLabel('ticker'), exec.now, d, d));
    },
    once(name?: string): OnceApi {
      checkName('once', name);
      return new Once(exec, name ?? exec.nextLabel('once'));
    },
    cond(mutex: MutexApi, name?: string): CondApi {
      // The second step of wait takes the mutex itself, so it must be one of ours.
      if (!(mutex instanceof Mutex)) throw new TypeError('cond expects a mutex made by mutex()');
      checkName('cond', name);
      return new Cond(exec, name ?? exec.nextLabel('cond'), mutex);
    },
    io<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
      if (typeof name !== 'string' || name === '') throw new TypeError(`io expects a non-empty name, got ${String(name)}`);
      if (typeof fn !== 'function') throw new TypeError(`io expects a function, got ${typeof fn}`);
      ioOps ??= new Map();
      let op = ioOps.get(name);
      if (op === undefined) ioOps.set(name, (op = new Io(name)));
      return startIo(exec, op, fn);
    },
    choose(arg: number | readonly unknown[]): Promise<never> {
      return exec.pause(CHOOSE, 0, checkChoices(arg)) as Promise<never>;
    },
    semaphore(size: number, name?: string): SemaphoreApi {
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
        throw new TypeError(`semaphore expects a size that is an integer >= 0, got ${String(size)}`);
      }
      checkName('semaphore', name);
      return new Semaphore(exec, name ?? exec.nextLabel('semaphore'), size);
    },
    assert(cond: unknown, message?: string): void {
      if (!cond) exec.violation(message ?? 'assertion failed');
    },
    self: () => handle(exec.currentTask()),
  };
}
