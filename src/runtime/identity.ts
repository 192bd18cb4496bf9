/**
 * Which task is running, when the scheduler cannot tell by itself.
 *
 * Usually exactly one task executes JavaScript, so the caller of an operation
 * is known. Two can be between operations at once when a task started by go()
 * awaited a plain promise (an async helper with no operation in it) before its
 * first operation, while its parent runs on. For that case every task runs
 * inside an async function named after its id, and V8's async stack traces
 * name it in the stack of any code the task runs — through every `await`
 * chain — so the task is read off the stack. This costs a stack capture, and
 * happens only when the cheap answer is ambiguous.
 */

const PREFIX = 'interleave_task_';
const FRAME = /interleave_task_(\d+)/;

/** Told how a task's function ended. */
export interface TaskHost<T> {
  taskReturned(task: T, value: unknown): void;
  taskThrew(task: T, error: unknown): void;
}

type Starter = (fn: () => unknown, host: TaskHost<unknown>, task: unknown) => Promise<void>;

// One named starter per task id, made once and reused by every execution.
const starters: Starter[] = [];

function makeStarter(id: number): Starter {
  const name = `${PREFIX}${id}`;
  const holder = {
    // Awaiting the task's promise links it to this frame in async stack
    // traces. V8 follows that link only while the await is the promise's one
    // reaction, so the end of the task is observed here too, not by a then().
    async [name](fn: () => unknown, host: TaskHost<unknown>, task: unknown): Promise<void> {
      let value: unknown;
      try {
        value = await fn();
      } catch (e) {
        host.taskThrew(task, e);
        return;
      }
      host.taskReturned(task, value);
    },
  };
  return holder[name] as Starter;
}

/**
 * Runs `fn` as task `id`, synchronously up to its first await, and tells
 * `host` how it ends: returned or threw (a synchronous throw included, one
 * microtask later, like any other).
 */
export function startTask<T>(id: number, fn: () => unknown, host: TaskHost<T>, task: T): void {
  const s = (starters[id] ??= makeStarter(id));
  void s(fn, host as TaskHost<unknown>, task);
}

/** The id of the task whose code is running, read off the stack, or -1. */
export function taskOnStack(): number {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const m = FRAME.exec(stack);
  return m === null ? -1 : Number(m[1]);
}
