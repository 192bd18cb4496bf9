/**
 * The happens-before monitor against a model written from the definition:
 * one vector clock per task, joins entry by entry. Random programs of up to
 * 150 spawns, steps, releases, acquires, messages, hand-offs, joins and
 * prints (dozens of tasks) must give the same clocks, the same `before`
 * answers, the same unordered pairs of prints and, when tracing, the same
 * clock recorded for each step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventLog, HappensBefore, SyncClock, type EventRef, type VClock } from '../../../src/runtime/hb.js';
import type { Task } from '../../../src/runtime/task.js';

type Op =
  | { kind: 'spawn'; parent: number }
  | { kind: 'step'; task: number; print: boolean }
  | { kind: 'release'; task: number; sync: number }
  | { kind: 'acquire'; task: number; sync: number }
  | { kind: 'send'; task: number }
  | { kind: 'receive'; task: number; message: number }
  | { kind: 'handoff'; from: number; to: number }
  | { kind: 'join'; target: number; task: number };

// Task and message indices are drawn as any natural number and taken modulo what exists.
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('spawn' as const), parent: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('step' as const), task: fc.nat(), print: fc.boolean() }), weight: 4 },
  fc.record({ kind: fc.constant('release' as const), task: fc.nat(), sync: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('acquire' as const), task: fc.nat(), sync: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('send' as const), task: fc.nat() }),
  fc.record({ kind: fc.constant('receive' as const), task: fc.nat(), message: fc.nat() }),
  fc.record({ kind: fc.constant('handoff' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('join' as const), target: fc.nat(), task: fc.nat() }),
);

/** The definition: a clock per task, an entry per task, missing entries 0. */
class Model {
  readonly clocks: number[][] = [];
  readonly syncs: (number[] | null)[] = [null, null, null];
  /** Per task, the epoch of its last print (0: none). */
  readonly printed: number[] = [];

  spawn(parent: number | undefined): void {
    const c = parent === undefined ? [] : [...this.clocks[parent]!];
    this.clocks.push(c);
    if (parent !== undefined) this.clocks[parent]![parent] = this.at(parent, parent) + 1;
  }
  at(t: number, u: number): number {
    return this.clocks[t]![u] ?? 0;
  }
  tick(t: number): void {
    this.clocks[t]![t] = this.at(t, t) + 1;
  }
  joinInto(t: number, from: readonly number[]): void {
    for (let i = 0; i < from.length; i++) this.clocks[t]![i] = Math.max(this.at(t, i), from[i] ?? 0);
  }
  /** The pairs (other task, its epoch) a print by t is unordered with; then t's print is the last. */
  print(t: number): [number, number][] {
    const pairs: [number, number][] = [];
    this.printed.forEach((e, w) => {
      if (w !== t && e > 0 && e > this.at(t, w)) pairs.push([w, e]);
    });
    while (this.printed.length <= t) this.printed.push(0);
    this.printed[t] = this.at(t, t);
    return pairs;
  }
}

/** Runs a program on the monitor and on the model side by side, checking them against each other. */
function check(program: readonly Op[], trace = false): void {
  const found: [number, number, number, number][] = [];
  const sink = {
    race(): void {
      throw new Error('no shared variable in these programs');
    },
    unordered(_object: string, first: EventRef, second: EventRef): void {
      found.push([first.task, first.epoch, second.task, second.epoch]);
    },
  };
  const hb = new HappensBefore(sink, trace);
  const model = new Model();
  const tasks: Task[] = [];
  const syncs = [new SyncClock(), new SyncClock(), new SyncClock()];
  const messages: VClock[] = [];
  const log = new EventLog('stdout');
  let step = 0;
  const spawn = (parent: Task | undefined): void => {
    const t = { id: tasks.length } as Task;
    tasks.push(t);
    hb.spawn(t.id, parent);
    model.spawn(parent?.id);
  };
  const task = (i: number): Task => tasks[i % tasks.length]!;
  spawn(undefined);
  for (const o of program) {
    switch (o.kind) {
      case 'spawn':
        spawn(task(o.parent));
        break;
      case 'step': {
        const t = task(o.task);
        hb.tick(t, ++step, step);
        model.tick(t.id);
        hb.fired(t);
        if (trace) {
          const recorded = hb.stepClocks![step]!;
          for (const u of tasks) expect(recorded[u.id] ?? 0).toBe(model.at(t.id, u.id));
          expect(hb.stepTasks![step]).toBe(t.id);
        } else {
          expect(hb.stepClocks).toBeUndefined();
        }
        if (o.print) {
          found.length = 0;
          hb.event(log, t);
          const want = model
            .print(t.id)
            .map(([w, e]): [number, number, number, number] => [w, e, t.id, model.at(t.id, t.id)]);
          expect(found).toEqual(want);
        }
        break;
      }
      case 'release': {
        const t = task(o.task);
        hb.release(syncs[o.sync]!, t);
        const s = model.syncs[o.sync];
        const c = model.clocks[t.id]!;
        // Entry by entry with an index, not map(): map skips the holes of a sparse array.
        const joined: number[] = [];
        for (let i = 0; i < Math.max(s?.length ?? 0, c.length); i++) joined.push(Math.max(s?.[i] ?? 0, c[i] ?? 0));
        model.syncs[o.sync] = joined;
        break;
      }
      case 'acquire': {
        const t = task(o.task);
        hb.acquire(syncs[o.sync]!, t, true);
        const s = model.syncs[o.sync];
        if (s !== null && s !== undefined) model.joinInto(t.id, s);
        break;
      }
      case 'send':
        messages.push(hb.snapshot(task(o.task)));
        break;
      case 'receive':
        if (messages.length > 0) {
          const m = messages[o.message % messages.length]!;
          const t = task(o.task);
          hb.acquireClock(m, step, t, true);
          model.joinInto(t.id, m);
        }
        break;
      case 'handoff': {
        const [from, to] = [task(o.from), task(o.to)];
        hb.handoff(from, to, true);
        model.joinInto(to.id, [...model.clocks[from.id]!]);
        break;
      }
      case 'join': {
        const [target, t] = [task(o.target), task(o.task)];
        hb.joined(target, t);
        model.joinInto(t.id, [...model.clocks[target.id]!]);
        break;
      }
    }
    // After every operation: every clock, entry by entry, and the questions asked of it.
    expect(mismatch(hb, model, tasks)).toBe('');
  }
}

/** The first difference between the monitor and the model, or '' (one expect per operation: thousands per run would be slow). */
function mismatch(hb: HappensBefore, model: Model, tasks: readonly Task[]): string {
  for (const t of tasks) {
    const snap = hb.snapshot(t);
    for (let i = 0; i < snap.length; i++) if (!(i in snap)) return `task ${t.id}'s clock has a hole at ${i}`;
    if (hb.epoch(t) !== model.at(t.id, t.id))
      return `task ${t.id}'s epoch is ${hb.epoch(t)}, not ${model.at(t.id, t.id)}`;
    for (const u of tasks) {
      const want = model.at(t.id, u.id);
      if ((snap[u.id] ?? 0) !== want) return `task ${t.id}'s entry for ${u.id} is ${snap[u.id] ?? 0}, not ${want}`;
      const e = model.at(u.id, u.id);
      if (hb.before(u.id, e, t) !== e <= want) return `before(${u.id}, ${e}, ${t.id}) is ${!(e <= want)}`;
    }
  }
  return '';
}

describe('happens-before monitor', () => {
  it('keeps the same clocks as the definition through any program, tracing or not', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 150, size: 'max' }), fc.boolean(), (program, trace) =>
        check(program, trace),
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every entry of 20 tasks that each learn of all the ones before', () => {
    // Each new task steps, prints and hands off to main, so main's clock has an entry for every task when a widening copies it.
    const program: Op[] = [];
    for (let i = 1; i <= 20; i++) {
      program.push({ kind: 'step', task: 0, print: true }, { kind: 'spawn', parent: 0 });
      program.push({ kind: 'step', task: i, print: true }, { kind: 'handoff', from: i, to: 0 });
    }
    check(program);
  });
});
