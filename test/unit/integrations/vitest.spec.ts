/**
 * interleave/vitest in this suite: each matcher passes where it should and
 * fails where it should, with a message that carries the offending outcome,
 * its schedule, the steps around its decisive choices and the replay
 * command. The failure of toMatchOutcomeSnapshot in CI, and a failing
 * exploreTest, are shown by running vitest on a project of its own
 * (vitest-project.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import 'interleave/vitest';
import { exploreTest, outcomeSet } from '../../../src/vitest.js';
import { explore, type Scenario } from '../../../src/index.js';
import violation from '../../../scenarios/violation.js';
import limiters from '../../../scenarios/rate-limiter.js';
import workers from '../../../scenarios/workers.js';
import workersOrdered from '../../../scenarios/workers-ordered.js';
import { printTasks } from '../support.js';

/** The message of a matcher that must fail. */
async function failure(assertion: Promise<unknown>): Promise<string> {
  try {
    await assertion;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the assertion to fail, but it passed');
}

const rateLimiter = limiters[0]!;

const WORKER_ORDERS = ['Pam', 'Jim'].flatMap((a) =>
  ['Pam', 'Jim'].map((b) => [
    `${a}: doing my work...`,
    `${a === 'Pam' ? 'Jim' : 'Pam'}: doing my work...`,
    `${b}: done`,
    `${b === 'Pam' ? 'Jim' : 'Pam'}: done`,
    'all work was done in 3 seconds',
  ]),
);

describe('toHaveOutcomes', () => {
  it('counts outcomes', async () => {
    await expect(workers).toHaveOutcomes(4);
    await expect(workers).not.toHaveOutcomes(3);
    const message = await failure(expect(workers).toHaveOutcomes(3));
    expect(message.split('\n')[0]).toBe('expected "workers" to have 3 outcomes, but it has 4:');
    expect(message).toContain("npx interleave replay '<file>' --scenario workers --schedule 111");
  });

  it('compares output sets, in any order, as line arrays or joined lines', async () => {
    await expect(workers).toHaveOutcomes(WORKER_ORDERS);
    await expect(workers).toHaveOutcomes([...WORKER_ORDERS].reverse().map((o) => o.join('\n')));
    const message = await failure(
      expect([workers, { file: 'scenarios/workers.ts' }]).toHaveOutcomes(WORKER_ORDERS.slice(1)),
    );
    expect(message).toContain('expected "workers" to have exactly 3 outputs, but:');
    expect(message).toContain('unexpected (1 outcome):');
    expect(message).toContain('replay: npx interleave replay scenarios/workers.ts --scenario workers --schedule 111');
    const missing = await failure(expect(workers).toHaveOutcomes([...WORKER_ORDERS, ['never']]));
    expect(missing).toContain('missing (never produced):\n  never');
  });

  it('says when the search was incomplete', async () => {
    const message = await failure(expect([printTasks([2, 2]), { maxExecutions: 2 }]).toHaveOutcomes(6));
    expect(message.split('\n')[0]).toBe(
      'expected "print-tasks-2x2" to have 6 outcomes, but it has 2: (the search is incomplete: stopped by max-executions after 2 executions)',
    );
  });
});

describe('toBeDeterministic', () => {
  it('passes for one outcome, fails for more with the ordering finding and each outcome', async () => {
    await expect(workersOrdered).toBeDeterministic();
    await expect(workers).not.toBeDeterministic();
    const message = await failure(expect(workers).toBeDeterministic());
    expect(message).toContain('expected "workers" to be deterministic (one outcome), but it has 4');
    expect(message).toContain('distinct outcomes: the result depends on the order in which tasks run');
    expect(message).toContain('outcome #1 of 4');
    expect(message).toContain('outcome #3 of 4');
    // At most 3 outcomes described in full.
    expect(message).not.toContain('outcome #4 of 4');
    expect(message).toContain('… 1 more outcome like this');
  });
});

describe('toHaveNoFindings', () => {
  it('filters by kind', async () => {
    await expect(workersOrdered).toHaveNoFindings();
    await expect(workers).toHaveNoFindings('violation');
    await expect(workers).toHaveNoFindings(['deadlock', 'panic']);
    await expect(workers).not.toHaveNoFindings('ordering');
  });

  it('fails with the outcome, its schedule, the decisive steps and the replay command', async () => {
    const message = await failure(
      expect([rateLimiter, { file: 'scenarios/rate-limiter.ts' }]).toHaveNoFindings('violation'),
    );
    // The shape of the message; schedules, steps and virtual times are the scenario's own, which is deterministic.
    expect(message).toMatchInlineSnapshot(`
      "expected "rate-limiter" to have no violation findings, but it has 1:
        violation: assertion failed in task main: admitted 3 requests, limit 2 (scenarios/rate-limiter.ts:62)

      outcome #1 of 2 · result violation · 84 of 90 executions
        output: (none)
        returned: 3
        violation in main: admitted 3 requests, limit 2 (scenarios/rate-limiter.ts:62)
        schedule: 110233
        steps around the decisive choices:
          1  0ms  request1  io store.get rate:user-1:0    scenarios/rate-limiter.ts:28  (chosen among 3)
          2  0ms  request1  io store.set rate:user-1:0 1  scenarios/rate-limiter.ts:30  (chosen among 3)
          3  0ms  main      join request1                 scenarios/rate-limiter.ts:61  (chosen among 3)
          4  0ms  request2  io store.get rate:user-1:0    scenarios/rate-limiter.ts:28  (chosen among 2)
          5  0ms  request3  io store.get rate:user-1:0    scenarios/rate-limiter.ts:28  (chosen among 2)
          6  0ms  request3  io store.set rate:user-1:0 2  scenarios/rate-limiter.ts:30  (chosen among 2)
          7  0ms  request2  io store.set rate:user-1:0 2  scenarios/rate-limiter.ts:30
          … 2 more steps to the end
        replay: npx interleave replay scenarios/rate-limiter.ts --scenario rate-limiter --schedule 110233"
    `);
  });
});

describe('toSatisfyAlways', () => {
  it('holds over every outcome, or names the outcomes where it does not', async () => {
    const endsWithMain = (o: { output: string[] }): boolean => o.output.at(-1) === 'all work was done in 3 seconds';
    await expect(workers).toSatisfyAlways(endsWithMain);
    const pamFirst = (o: { output: string[] }): boolean => o.output[0]!.startsWith('Pam');
    const message = await failure(expect(workers).toSatisfyAlways(pamFirst));
    expect(message.split('\n')[0]).toBe(
      'expected every outcome of "workers" to satisfy `pamFirst`, but 2 of 4 do not:',
    );
    expect(message).toContain('Jim: doing my work...');
  });

  it('a predicate that throws (an expect inside it) fails with its message', async () => {
    const message = await failure(
      expect(violation).toSatisfyAlways((o) => {
        expect((o.value as string[]).length).toBeLessThanOrEqual(1);
      }),
    );
    expect(message).toContain('but 1 of 3 do not:');
    expect(message).toMatch(/outcome #\d: the predicate threw: expected 2 to be less than or equal to 1/);
  });
});

describe('toMatchOutcomeSnapshot', () => {
  it('stores the complete outcome set, sorted, without counts or schedules', async () => {
    await expect(workers).toMatchOutcomeSnapshot();
    await expect(violation).toMatchOutcomeSnapshot();
  });

  it('the set is in a stable order, whatever order the search found it in', async () => {
    const r = await explore(violation);
    const shuffled = { ...r, outcomes: [...r.outcomes].reverse() };
    expect(outcomeSet(shuffled)).toEqual(outcomeSet(r));
    expect(outcomeSet(r)).toEqual([
      { result: 'ok', output: [], value: ['Jim'] },
      { result: 'ok', output: [], value: ['Pam'] },
      { result: 'violation', output: [], value: ['Jim', 'Pam'] },
    ]);
  });

  it('refuses an incomplete search', async () => {
    const message = await failure(expect([workers, { strategy: 'random' }]).toMatchOutcomeSnapshot());
    expect(message).toContain(
      'toMatchOutcomeSnapshot needs every outcome of "workers", from a complete exhaustive search',
    );
  });
});

describe('messages stay short', () => {
  it('a scenario with a long output and many outcomes is summarised, never dumped', async () => {
    const chatty: Scenario = {
      name: 'chatty',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(2);
        for (const t of ['a', 'b']) {
          go(async () => {
            for (let i = 0; i < 40; i++) await print(`${t}${i}`);
            wg.done();
          }, t);
        }
        await wg.wait();
      },
    };
    const message = await failure(expect([chatty, { maxExecutions: 500 }]).toBeDeterministic());
    expect(message.split('\n').length).toBeLessThan(120);
    expect(message).toContain('… 68 more lines');
    expect(message).toContain('… 497 more outcomes like these');
  });
});

// exploreTest registers a test; this one passes (the failing case runs in vitest-project.spec.ts).
exploreTest('exploreTest: workers-ordered has no finding', workersOrdered, {
  file: 'scenarios/workers-ordered.ts',
  check: (r) => expect(r.outcomes).toHaveLength(1),
});
exploreTest('exploreTest: concurrent prints have only the ordering finding, allowed by default', printTasks([1, 2]));

describe('isolate: a scenario stuck in synchronous code fails the matcher instead of freezing vitest', () => {
  it('while (true) {} in a task: toHaveNoFindings fails with the hang, after stepTimeout', { timeout: 120_000 }, async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'interleave-vitest-isolate-'));
    try {
      const file = join(dir, 'spin.ts');
      await writeFile(
        file,
        "export default { name: 'spin', async main({ go, print }: any) { go(async () => { for (;;) {} }, 'spinner'); await print('main'); } };\n",
      );
      // Only its name is used here: the worker thread loads the scenario from the file.
      const spin: Scenario = { name: 'spin', main: async () => {} };
      let failure: Error | undefined;
      try {
        await expect([spin, { file, isolate: true, stepTimeout: 300 }] as const).toHaveNoFindings();
      } catch (e) {
        failure = e as Error;
      }
      expect(failure?.message).toMatch(/^expected "spin" to have no findings, but it has \d+:/);
      expect(failure?.message).toContain('hang: ');
      expect(failure?.message).toContain('an endless loop in synchronous code? The run was stopped (--step-timeout)');
      expect(failure?.message).toContain(`replay: npx interleave replay ${file} --schedule=-`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('isolate without file is a clear error', async () => {
    await expect(expect([workers, { isolate: true }] as const).toBeDeterministic()).rejects.toThrow(
      '`isolate` needs `file`: the worker thread loads the scenario from it',
    );
  });
});
