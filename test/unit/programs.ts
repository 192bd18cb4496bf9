/**
 * Random small concurrent programs for property tests: tasks doing sequences
 * of print, sleep, yield, shared get/set/update, assert, WaitGroup wait, throw.
 */
import fc from 'fast-check';
import type { Runtime, Scenario } from '../../src/index.js';

export type Var = 'x' | 'y';
export type Op =
  | { k: 'print' }
  | { k: 'sleep'; ms: number }
  | { k: 'yield' }
  | { k: 'get'; v: Var }
  | { k: 'set'; v: Var; val: number }
  | { k: 'update'; v: Var; add: number }
  | { k: 'assert-even'; v: Var }
  | { k: 'wait' }
  | { k: 'throw' };

export interface TaskSpec {
  ops: Op[];
  /** main's WaitGroup counts this task; others may be left unfinished. */
  waited: boolean;
}

export interface Program {
  tasks: TaskSpec[];
  main: Op[];
}

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant<Op>({ k: 'print' }), weight: 4 },
  { arbitrary: fc.constantFrom(0, 1, 3).map((ms): Op => ({ k: 'sleep', ms })), weight: 2 },
  { arbitrary: fc.constant<Op>({ k: 'yield' }), weight: 1 },
  { arbitrary: fc.constantFrom<Var>('x', 'y').map((v): Op => ({ k: 'get', v })), weight: 2 },
  {
    arbitrary: fc
      .record({ v: fc.constantFrom<Var>('x', 'y'), val: fc.integer({ min: 0, max: 3 }) })
      .map(({ v, val }): Op => ({ k: 'set', v, val })),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({ v: fc.constantFrom<Var>('x', 'y'), add: fc.integer({ min: 1, max: 2 }) })
      .map(({ v, add }): Op => ({ k: 'update', v, add })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom<Var>('x', 'y').map((v): Op => ({ k: 'assert-even', v })), weight: 1 },
  { arbitrary: fc.constant<Op>({ k: 'wait' }), weight: 1 },
  { arbitrary: fc.constant<Op>({ k: 'throw' }), weight: 1 },
);

export const programArb: fc.Arbitrary<Program> = fc
  .record({
    tasks: fc.array(fc.record({ ops: fc.array(opArb, { maxLength: 4 }), waited: fc.boolean() }), {
      minLength: 1,
      maxLength: 3,
    }),
    main: fc.array(opArb, { maxLength: 2 }),
  })
  .filter((p) => p.main.length + p.tasks.reduce((n, t) => n + t.ops.length, 0) <= 8);

async function runOps(
  rt: Runtime,
  name: string,
  ops: readonly Op[],
  vars: Record<Var, ReturnType<Runtime['shared']>>,
  wg: ReturnType<Runtime['waitGroup']>,
): Promise<void> {
  for (const [i, op] of ops.entries()) {
    switch (op.k) {
      case 'print':
        await rt.print(`${name}.${i}`);
        break;
      case 'sleep':
        await rt.sleep(op.ms);
        break;
      case 'yield':
        await rt.yield();
        break;
      case 'get':
        await rt.print(`${name} read ${op.v}=${String(await vars[op.v].get())}`);
        break;
      case 'set':
        await vars[op.v].set(op.val);
        break;
      case 'update':
        await vars[op.v].update((n) => (n as number) + op.add);
        break;
      case 'assert-even':
        rt.assert(((await vars[op.v].get()) as number) % 2 === 0, `${op.v} is odd in ${name}`);
        break;
      case 'wait':
        await wg.wait();
        break;
      case 'throw':
        throw new Error(`${name} gives up`);
    }
  }
}

export function programScenario(p: Program): Scenario {
  return {
    name: 'generated',
    async main(rt) {
      const vars = { x: rt.shared('x', 0), y: rt.shared('y', 0) };
      const wg = rt.waitGroup();
      wg.add(p.tasks.filter((t) => t.waited).length);
      p.tasks.forEach((t, i) => {
        rt.go(
          async () => {
            await runOps(rt, `T${i + 1}`, t.ops, vars, wg);
            if (t.waited) wg.done();
          },
          `T${i + 1}`,
        );
      });
      await runOps(rt, 'main', p.main, vars, wg);
      await wg.wait();
      return { x: await vars.x.get(), y: await vars.y.get() };
    },
  };
}
