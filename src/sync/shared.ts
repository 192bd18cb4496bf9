import type { Execution } from '../runtime/execution.js';
import { READ, UPDATE as RMW, VarState, WRITE } from '../runtime/hb.js';
import type { OpFields, Operation } from '../runtime/resource.js';
import type { Shared } from '../runtime/scenario.js';
import type { Task } from '../runtime/task.js';
import { show } from './describe.js';

const GET = 0;
const SET = 1;
const UPDATE = 2;

/** A shared variable: reads and writes are scheduling operations, always enabled. */
export class SharedVar<T> implements Operation, Shared<T> {
  readonly timed = false;
  private value: T;
  /** The race detector's state, made on the first access it sees. */
  private hbState: VarState | undefined;

  constructor(
    private readonly exec: Execution,
    readonly label: string,
    initial: T,
  ) {
    this.value = initial;
  }

  get name(): string {
    return this.label;
  }

  get(): Promise<T> {
    return this.exec.pause(this, GET, undefined) as Promise<T>;
  }

  set(value: T): Promise<void> {
    return this.exec.pause(this, SET, value) as Promise<void>;
  }

  update(fn: (value: T) => T): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError(`update expects a function, got ${typeof fn}`);
    return this.exec.pause(this, UPDATE, fn) as Promise<T>;
  }

  readOnly(task: Task): boolean {
    return task.opCode === GET;
  }

  enabled(): boolean {
    return true;
  }

  fire(task: Task): unknown {
    const hb = this.exec.hb;
    if (hb !== null) {
      hb.access((this.hbState ??= new VarState(this.label)), task, task.opCode === GET ? READ : task.opCode === SET ? WRITE : RMW);
    }
    switch (task.opCode) {
      case GET:
        return this.value;
      case SET:
        this.value = task.arg as T;
        return undefined;
      default:
        this.value = (task.arg as (v: T) => T)(this.value);
        return this.value;
    }
  }

  describe(op: OpFields): string {
    switch (op.opCode) {
      case GET:
        return `get ${this.label}`;
      case SET:
        return `set ${this.label} = ${show(op.arg)}`;
      default:
        return `update ${this.label}`;
    }
  }
}
