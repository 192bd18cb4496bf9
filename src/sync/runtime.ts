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
  return new ExecutionRuntime(exec, jitter);
}

/**
 * The runtime of one execution. Scenarios destructure it (`{ go, print }`),
 * so each function is a closure over the execution, not a method; and since a
 * scenario uses a few of some twenty, each is made on first use, by a getter
 * on the prototype — making them all for every execution was a tenth of the
 * cost of a small one. (A spread `{ ...rt }` copies no function: pass `rt`.)
 */
class ExecutionRuntime implements Runtime {
  readonly #stdout: Stdout;
  readonly #sleepOp: Sleep;
  readonly #sleepLength: SleepLength | null;
  // Shared variable names of this execution; most scenarios have none.
  #names: Set<string> | undefined;
  // One io operation per name (the name is what traces and dependence see).
  #ioOps: Map<string, Io> | undefined;
  #goFn: Runtime['go'] | undefined;
  #sleepFn: Runtime['sleep'] | undefined;
  #yieldFn: Runtime['yield'] | undefined;
  #printFn: Runtime['print'] | undefined;
  #nowFn: Runtime['now'] | undefined;
  #sharedFn: Runtime['shared'] | undefined;
  #waitGroupFn: Runtime['waitGroup'] | undefined;
  #mutexFn: Runtime['mutex'] | undefined;
  #rwMutexFn: Runtime['rwMutex'] | undefined;
  #channelFn: Runtime['channel'] | undefined;
  #selectFn: Runtime['select'] | undefined;
  #afterFn: Runtime['after'] | undefined;
  #tickerFn: Runtime['ticker'] | undefined;
  #onceFn: Runtime['once'] | undefined;
  #condFn: Runtime['cond'] | undefined;
  #ioFn: Runtime['io'] | undefined;
  #chooseFn: Runtime['choose'] | undefined;
  #semaphoreFn: Runtime['semaphore'] | undefined;
  #assertFn: Runtime['assert'] | undefined;
  #selfFn: Runtime['self'] | undefined;

  readonly #exec: Execution;

  constructor(exec: Execution, jitter: number) {
    this.#exec = exec;
    this.#stdout = new Stdout(exec);
    this.#sleepOp = new Sleep(exec);
    this.#sleepLength = jitter === 0 ? null : new SleepLength(jitter);
  }

  // A task's handle is kept on the task (not in a WeakMap: one fewer object
  // per execution, and none for the collector to treat as a weak table).
  #handle<T>(task: Task): TaskHandle<T> {
    let h = task.handle;
    if (h === undefined) {
      const exec = this.#exec;
      let join: Join | undefined;
      h = {
        id: task.id,
        name: task.name,
        join: () => exec.pause((join ??= new Join(exec, task)), 0, undefined),
      };
      task.handle = h;
    }
    return h as TaskHandle<T>;
  }

  // A jittered sleep: first the step that picks its length, then the sleep itself.
  async #jittered(ms: number, length: SleepLength): Promise<void> {
    const exec = this.#exec;
    const d = (await exec.pause(length, 0, ms)) as number;
    await exec.pause(this.#sleepOp, 0, ms, exec.now + d);
  }

  get go(): Runtime['go'] {
    return (this.#goFn ??= <T>(fn: () => T | Promise<T>, name?: string): TaskHandle<T> => {
      if (typeof fn !== 'function') throw new TypeError(`go expects a function, got ${typeof fn}`);
      if (name !== undefined && typeof name !== 'string') {
        throw new TypeError(`go expects a task name string, got ${typeof name}`);
      }
      return this.#handle<T>(this.#exec.spawn(fn, name));
    });
  }

  get sleep(): Runtime['sleep'] {
    return (this.#sleepFn ??= (ms: number): Promise<void> => {
      const d = checkDuration(ms);
      if (d === 0) return this.yield();
      if (this.#sleepLength !== null) return this.#jittered(d, this.#sleepLength);
      const exec = this.#exec;
      return exec.pause(this.#sleepOp, 0, d, exec.now + d) as Promise<void>;
    });
  }

  get yield(): Runtime['yield'] {
    return (this.#yieldFn ??= (): Promise<void> => this.#exec.pause(YIELD, 0, undefined) as Promise<void>);
  }

  get yieldNow(): Runtime['yieldNow'] {
    return this.yield;
  }

  get print(): Runtime['print'] {
    return (this.#printFn ??= (...values: unknown[]): Promise<void> =>
      this.#exec.pause(this.#stdout, 0, formatLine(values)) as Promise<void>);
  }

  get now(): Runtime['now'] {
    return (this.#nowFn ??= (): number => this.#exec.now);
  }

  get shared(): Runtime['shared'] {
    return (this.#sharedFn ??= <T>(name: string, initial: T): Shared<T> => {
      if (typeof name !== 'string' || name === '') {
        throw new TypeError(`shared expects a non-empty name, got ${String(name)}`);
      }
      this.#names ??= new Set();
      if (this.#names.has(name)) throw new Error(`shared variable "${name}" already exists in this execution`);
      this.#names.add(name);
      return new SharedVar(this.#exec, name, initial);
    });
  }

  get waitGroup(): Runtime['waitGroup'] {
    return (this.#waitGroupFn ??= (name?: string): WaitGroupApi => new WaitGroup(this.#exec, name ?? this.#exec.nextLabel('wg')));
  }

  get mutex(): Runtime['mutex'] {
    return (this.#mutexFn ??= (name?: string): MutexApi => {
      checkName('mutex', name);
      return new Mutex(this.#exec, name ?? this.#exec.nextLabel('mutex'));
    });
  }

  get rwMutex(): Runtime['rwMutex'] {
    return (this.#rwMutexFn ??= (name?: string): RWMutexApi => {
      checkName('rwMutex', name);
      return new RWMutex(this.#exec, name ?? this.#exec.nextLabel('rwMutex'));
    });
  }

  get channel(): Runtime['channel'] {
    return (this.#channelFn ??= <T>(capacity = 0, name?: string): ChannelApi<T> => {
      // Go's make(chan T, n) panics on a negative size; a fraction is not a size.
      if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) {
        throw new TypeError(`channel expects a capacity that is an integer >= 0, got ${String(capacity)}`);
      }
      checkName('channel', name);
      return new Channel<T>(this.#exec, name ?? this.#exec.nextLabel('chan'), capacity);
    });
  }

  get select(): Runtime['select'] {
    return (this.#selectFn ??= ((cases: readonly SelectCase[], options?: SelectOptions): Promise<never> =>
      Select.parse(this.#exec, cases, options).run() as Promise<never>) as Runtime['select']);
  }

  get after(): Runtime['after'] {
    return (this.#afterFn ??= (ms: number, name?: string): ReceiveChannel<number> => {
      const d = checkTimer('after', ms);
      checkName('after', name);
      const exec = this.#exec;
      return new TimerChannel(exec, name ?? exec.nextLabel('after'), exec.now, 0, d);
    });
  }

  get ticker(): Runtime['ticker'] {
    return (this.#tickerFn ??= (ms: number, name?: string): Ticker => {
      const d = checkTimer('ticker', ms);
      checkName('ticker', name);
      const exec = this.#exec;
      return tickerOf(new TimerChannel(exec, name ?? exec.nextLabel('ticker'), exec.now, d, d));
    });
  }

  get once(): Runtime['once'] {
    return (this.#onceFn ??= (name?: string): OnceApi => {
      checkName('once', name);
      return new Once(this.#exec, name ?? this.#exec.nextLabel('once'));
    });
  }

  get cond(): Runtime['cond'] {
    return (this.#condFn ??= (mutex: MutexApi, name?: string): CondApi => {
      // The second step of wait takes the mutex itself, so it must be one of ours.
      if (!(mutex instanceof Mutex)) throw new TypeError('cond expects a mutex made by mutex()');
      checkName('cond', name);
      return new Cond(this.#exec, name ?? this.#exec.nextLabel('cond'), mutex);
    });
  }

  get io(): Runtime['io'] {
    return (this.#ioFn ??= <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
      if (typeof name !== 'string' || name === '') throw new TypeError(`io expects a non-empty name, got ${String(name)}`);
      if (typeof fn !== 'function') throw new TypeError(`io expects a function, got ${typeof fn}`);
      this.#ioOps ??= new Map();
      let op = this.#ioOps.get(name);
      if (op === undefined) this.#ioOps.set(name, (op = new Io(name)));
      return startIo(this.#exec, op, fn);
    });
  }

  get choose(): Runtime['choose'] {
    return (this.#chooseFn ??= ((arg: number | readonly unknown[]): Promise<never> =>
      this.#exec.pause(CHOOSE, 0, checkChoices(arg)) as Promise<never>) as Runtime['choose']);
  }

  get semaphore(): Runtime['semaphore'] {
    return (this.#semaphoreFn ??= (size: number, name?: string): SemaphoreApi => {
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
        throw new TypeError(`semaphore expects a size that is an integer >= 0, got ${String(size)}`);
      }
      checkName('semaphore', name);
      return new Semaphore(this.#exec, name ?? this.#exec.nextLabel('semaphore'), size);
    });
  }

  get assert(): Runtime['assert'] {
    return (this.#assertFn ??= (cond: unknown, message?: string): void => {
      if (!cond) this.#exec.violation(message ?? 'assertion failed');
    });
  }

  get self(): Runtime['self'] {
    return (this.#selfFn ??= (() => this.#handle(this.#exec.currentTask())) as Runtime['self']);
  }
}
