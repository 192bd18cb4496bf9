import type { Execution } from '../runtime/execution.js';
import { SyncClock } from '../runtime/hb.js';
import { taskOnStack } from '../runtime/identity.js';
import { WORLD, type OpFields, type Operation } from '../runtime/resource.js';
import { userSite } from '../runtime/source.js';
import { DONE, RUNNING, type Task } from '../runtime/task.js';

/** The owner's io itself. */
const RUN = 0;
/** Another task awaiting the owner's io promise. */
const AWAIT = 1;

/** One io(name, fn) call: whose it is and, once it has taken effect, how it ended. */
class IoCall {
  /** The task that called io(); set right after it paused. */
  owner!: Task;
  /** The io has taken effect (fn ran). */
  done = false;
  failed = false;
  value: unknown = undefined;
  error: unknown = undefined;
  /** Happens-before: the io's step → every other task's await of it (made when analysing). */
  hbClock: SyncClock | null = null;

  constructor(
    readonly exec: Execution,
    readonly op: Io,
    readonly fn: () => unknown,
  ) {}
}

/**
 * io(name, fn): a controlled stand-in for real asynchronous I/O. The calling
 * task pauses as it would at a real `await fetch(...)`; the scheduler picks
 * the step at which the I/O completes, and `fn` produces the result then. So
 * real async code, given io-wrapped dependencies, shows the interleavings
 * that real I/O would allow (two requests both missing a cache, say).
 *
 * `fn` runs inside the step: it must not call scheduling operations. It may
 * return a value or a promise that settles without real I/O; a throw (or a
 * rejection) is thrown at the task's await, as a failed request would be.
 *
 * Another task may await the same promise (a cache sharing its in-flight
 * request): that await is an operation of its own, `await io NAME (of
 * OWNER)`, enabled once the io has taken effect, and it gives the same value
 * or throws the same error.
 */
export class Io implements Operation {
  readonly timed = false;
  /** Dependence: plain JavaScript state (see WORLD). */
  readonly object = WORLD;

  constructor(readonly label: string) {}

  enabled(task: Task): boolean {
    return task.opCode === RUN || (task.arg as IoCall).done;
  }

  fire(task: Task): unknown {
    const call = task.arg as IoCall;
    const hb = call.exec.hb;
    if (task.opCode === AWAIT) {
      if (hb !== null && call.hbClock !== null) hb.acquire(call.hbClock, task, true);
      if (call.failed) throw call.error;
      return call.value;
    }
    call.done = true;
    if (hb !== null) hb.release((call.hbClock = new SyncClock()), task);
    try {
      return (call.value = call.fn());
    } catch (e) {
      call.failed = true;
      call.error = e;
      throw e;
    }
  }

  describe(op: OpFields): string {
    return op.opCode === AWAIT ? `await io ${this.label} (of ${(op.arg as IoCall).owner.name})` : `io ${this.label}`;
  }
}

/** Starts an io: the calling task pauses on it; the promise it gets may be awaited by other tasks too. */
export function startIo<T>(exec: Execution, op: Io, fn: () => T | Promise<T>): Promise<T> {
  const call = new IoCall(exec, op, fn);
  const settled = exec.pause(op, RUN, call);
  // Ended (a missing await was just reported, say): the promise never settles.
  if (exec.ended) return settled as Promise<T>;
  // pause() identified the caller and made it the current task.
  call.owner = exec.currentTask();
  return new IoPromise(exec, call, settled) as unknown as Promise<T>;
}

type Then = (
  onFulfilled?: ((value: unknown) => unknown) | null,
  onRejected?: ((reason: unknown) => unknown) | null,
) => Promise<unknown>;

/**
 * The promise io() returns. Not a native promise: `await` must look its
 * `then` up, and it does so synchronously, inside the awaiting task's code
 * (PromiseResolve reads `then` at once and calls it a microtask later, when
 * the stack no longer says which task awaits). So `then` is a getter: it
 * finds the awaiting task while it can, and hands back a function that, for
 * the owner, just follows its own operation and, for any other task, pauses
 * that task on an `await io` operation of its own.
 */
class IoPromise {
  constructor(
    private readonly exec: Execution,
    private readonly call: IoCall,
    /** The owner's pause: settles in the step that takes the io. */
    readonly settled: Promise<unknown>,
  ) {}

  get [Symbol.toStringTag](): string {
    return 'Promise';
  }

  get then(): Then {
    const exec = this.exec;
    if (exec.ended) return passThrough;
    const t = executingTask(exec);
    if (t === null || t === this.call.owner || t.state === DONE) return passThrough;
    // Rare (a shared in-flight promise), so the stack is taken here, in the
    // awaiting code: the user's line, for the trace and for a misuse panic.
    const origin = new Error();
    const call = this.call;
    const settled = this.settled;
    return (onFulfilled, onRejected) => {
      if (exec.ended || t.state === DONE) return settled.then(onFulfilled, onRejected);
      // Not running: it already waits on an operation (Promise.all over several, or a missing await).
      if (t.state !== RUNNING) throw busy(t, call, origin);
      const p = exec.pause(call.op, AWAIT, call, 0, t);
      if (exec.trace !== undefined) t.site = userSite(origin.stack);
      return p.then(onFulfilled, onRejected);
    };
  }

  catch(onRejected?: ((reason: unknown) => unknown) | null): Promise<unknown> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<unknown> {
    return this.then().finally(onFinally);
  }
}

/** The error thrown at a task's await of another task's io while it waits on an operation already. */
function busy(t: Task, call: IoCall, origin: Error): Error {
  const e = new Error(
    `task ${t.name} awaited \`io ${call.op.label}\` of task ${call.owner.name} while waiting on ` +
      `\`${t.op!.describe(t)}\`: a task waits on one operation at a time (for Promise.all over ` +
      'operations, await them one by one, or run each in a task of its own)',
  );
  const stack = origin.stack ?? '';
  e.stack = `Error: ${e.message}${stack.slice(stack.indexOf('\n'))}`;
  return e;
}

function passThrough(
  this: IoPromise,
  onFulfilled?: ((value: unknown) => unknown) | null,
  onRejected?: ((reason: unknown) => unknown) | null,
): Promise<unknown> {
  return this.settled.then(onFulfilled, onRejected);
}

/**
 * The task whose code is running now. The current task when no other task
 * is between operations: the lookup runs synchronously in the awaiting code,
 * so it is that task's, even when it has just paused (the owner's `await
 * io(...)`). Otherwise the stack says (see runtime/identity.ts).
 */
function executingTask(exec: Execution): Task | null {
  const c = exec.currentTask();
  if (c.state !== DONE) {
    let alone = true;
    for (const t of exec.tasks) {
      if (t !== c && t.state === RUNNING) {
        alone = false;
        break;
      }
    }
    if (alone) return c;
  }
  const id = taskOnStack();
  return id >= 0 && id < exec.tasks.length ? exec.tasks[id]! : null;
}
