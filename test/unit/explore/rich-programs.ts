/**
 * Random small concurrent programs with every kind of dependence the
 * reduction must respect: prints, sleeps, yields, shared reads and writes,
 * critical sections under two mutexes, sends and receives on an unbuffered
 * and a buffered channel, WaitGroup waits and io. 2–4 tasks (main included).
 */
import fc from 'fast-check';
import type { Runtime, Scenario } from '../../../src/index.js';

type Var = 'x' | 'y';
type Simple =
  | { k: 'print' }
  | { k: 'sleep'; ms: number }
  | { k: 'yield' }
  | { k: 'get'; v: Var }
  | { k: 'set'; v: Var; val: number }
  | { k: 'update'; v: Var }
  | { k: 'io' };
export type RichOp =
  | Simple
  | { k: 'locked'; m: 'm1' | 'm2'; body: Simple[] }
  | { k: 'send'; c: 'c0' | 'c1'; val: number }
  | { k: 'recv'; c: 'c0' | 'c1' }
  | { k: 'wait' };

export interface RichProgram {
  tasks: { ops: RichOp[]; waited: boolean }[];
  main: RichOp[];
}

const simpleArb: fc.Arbitrary<Simple> = fc.oneof(
  { arbitrary: fc.constant<Simple>({ k: 'print' }), weight: 3 },
  { arbitrary: fc.constantFrom(0, 1, 3).map((ms): Simple => ({ k: 'sleep', ms })), weight: 2 },
  { arbitrary: fc.constant<Simple>({ k: 'yield' }), weight: 1 },
  { arbitrary: fc.constantFrom<Var>('x', 'y').map((v): Simple => ({ k: 'get', v })), weight: 2 },
  {
    arbitrary: fc
      .record({ v: fc.constantFrom<Var>('x', 'y'), val: fc.integer({ min: 1, max: 2 }) })
      .map(({ v, val }): Simple => ({ k: 'set', v, val })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom<Var>('x', 'y').map((v): Simple => ({ k: 'update', v })), weight: 1 },
  { arbitrary: fc.constant<Simple>({ k: 'io' }), weight: 1 },
);

const opArb: fc.Arbitrary<RichOp> = fc.oneof(
  { arbitrary: simpleArb, weight: 6 },
  {
    arbitrary: fc
      .record({ m: fc.constantFrom<'m1' | 'm2'>('m1', 'm2'), body: fc.array(simpleArb, { maxLength: 2 }) })
      .map(({ m, body }): RichOp => ({ k: 'locked', m, body })),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({ c: fc.constantFrom<'c0' | 'c1'>('c0', 'c1'), val: fc.integer({ min: 1, max: 2 }) })
      .map(({ c, val }): RichOp => ({ k: 'send', c, val })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom<'c0' | 'c1'>('c0', 'c1').map((c): RichOp => ({ k: 'recv', c })), weight: 2 },
  { arbitrary: fc.constant<RichOp>({ k: 'wait' }), weight: 1 },
);

const size = (ops: readonly RichOp[]): number =>
  ops.reduce((n, op) => n + (op.k === 'locked' ? 1 + op.body.length : 1), 0);

export const richProgramArb: fc.Arbitrary<RichProgram> = fc
  .record({
    tasks: fc.array(fc.record({ ops: fc.array(opArb, { maxLength: 3 }), waited: fc.boolean() }), {
      minLength: 1,
      maxLength: 3,
    }),
    main: fc.array(opArb, { maxLength: 2 }),
  })
  .filter((p) => size(p.main) + p.tasks.reduce((n, t) => n + size(t.ops), 0) <= 7);

interface World {
  vars: Record<Var, ReturnType<Runtime['shared']>>;
  locks: Record<'m1' | 'm2', ReturnType<Runtime['mutex']>>;
  chans: Record<'c0' | 'c1', ReturnType<Runtime['channel']>>;
  wg: ReturnType<Runtime['waitGroup']>;
  log: string[];
}

async function simple(rt: Runtime, name: string, i: string, op: Simple, w: World): Promise<void> {
  switch (op.k) {
    case 'print':
      return rt.print(`${name}.${i}`);
    case 'sleep':
      return rt.sleep(op.ms);
    case 'yield':
      return rt.yield();
    case 'get':
      return rt.print(`${name} read ${op.v}=${String(await w.vars[op.v].get())}`);
    case 'set':
      return w.vars[op.v].set(op.val);
    case 'update':
      await w.vars[op.v].update((n) => (n as number) * 2 + 1);
      return;
    case 'io':
      // Plain JavaScript state, touched at an io completion.
      w.log.push(await rt.io('disk', () => `${name}.${i}@${w.log.length}`));
  }
}

async function run(rt: Runtime, name: string, ops: readonly RichOp[], w: World): Promise<void> {
  for (const [i, op] of ops.entries()) {
    switch (op.k) {
      case 'locked':
        await w.locks[op.m].lock();
        for (const [j, b] of op.body.entries()) await simple(rt, name, `${i}.${j}`, b, w);
        w.locks[op.m].unlock();
        break;
      case 'send':
        await w.chans[op.c].send(op.val);
        break;
      case 'recv':
        await rt.print(`${name} got ${String(await w.chans[op.c].recv())} from ${op.c}`);
        break;
      case 'wait':
        await w.wg.wait();
        break;
      default:
        await simple(rt, name, String(i), op, w);
    }
  }
}

export function richScenario(p: RichProgram): Scenario {
  return {
    name: 'rich',
    async main(rt) {
      const w: World = {
        vars: { x: rt.shared('x', 0), y: rt.shared('y', 0) },
        locks: { m1: rt.mutex('m1'), m2: rt.mutex('m2') },
        chans: { c0: rt.channel(0, 'c0'), c1: rt.channel(1, 'c1') },
        wg: rt.waitGroup('wg'),
        log: [],
      };
      w.wg.add(p.tasks.filter((t) => t.waited).length);
      p.tasks.forEach((t, i) => {
        rt.go(async () => {
          await run(rt, `T${i + 1}`, t.ops, w);
          if (t.waited) w.wg.done();
        }, `T${i + 1}`);
      });
      await run(rt, 'main', p.main, w);
      await w.wg.wait();
      return { x: await w.vars.x.get(), y: await w.vars.y.get(), log: w.log };
    },
  };
}
