/**
 * The library entry points: explore() and replay() option checking, scenario
 * checking, and the replay command each outcome carries.
 */
import { describe, expect, it } from 'vitest';
import {
  explore,
  OptionError,
  replay,
  ScenarioLoadError,
  type ExploreOptions,
  type Scenario,
} from '../../src/index.js';

const twoPrinters: Scenario = {
  name: 'two printers',
  async main({ go, print, waitGroup }) {
    const wg = waitGroup();
    wg.add(2);
    for (const n of ['a', 'b']) {
      go(async () => {
        await print(n);
        wg.done();
      }, n);
    }
    await wg.wait();
  },
};

describe('option errors', () => {
  it.each([
    {
      options: { maxSteps: 0 },
      message: 'Expected `maxSteps` (--max-steps) to be a whole number from 1 and up, got 0 (number)',
    },
    {
      options: { maxSteps: 1.5 },
      message: 'Expected `maxSteps` (--max-steps) to be a whole number from 1 and up, got 1.5 (number)',
    },
    {
      options: { maxExecutions: -1 },
      message: 'Expected `maxExecutions` (--max-executions) to be a whole number from 1 and up, got -1 (number)',
    },
    {
      options: { seed: -1 },
      message: 'Expected `seed` (--seed) to be a whole number from 0 to 4294967295, got -1 (number)',
    },
    {
      options: { seed: 2 ** 32 },
      message: 'Expected `seed` (--seed) to be a whole number from 0 to 4294967295, got 4294967296 (number)',
    },
    {
      options: { strategy: 'dfs' as NonNullable<ExploreOptions['strategy']> },
      message: 'Expected `strategy` (--strategy) to be one of dpor, exhaustive, random, pct, replay, got "dfs" (string)',
    },
    {
      options: { timeBudget: 0 },
      message: 'Expected `timeBudget` (--time-budget) to be a number of milliseconds above 0, got 0 (number)',
    },
    {
      options: { strategy: 'replay' as const },
      message: 'The replay strategy needs a schedule (--schedule) or a seed (--seed)',
    },
  ])('$options', async ({ options, message }) => {
    const e = await explore(twoPrinters, options).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OptionError);
    expect((e as OptionError).message).toBe(message);
    expect((e as OptionError).code).toBe('INTERLEAVE_OPTION');
  });

  it('a scenario’s own bad maxSteps is an OptionError too', async () => {
    await expect(explore({ ...twoPrinters, options: { maxSteps: -5 } })).rejects.toThrow(OptionError);
  });
});

describe('scenario errors', () => {
  it.each([
    { scenario: null, message: 'Expected a scenario object, got null' },
    { scenario: 'x', message: 'Expected a scenario object, got string' },
    { scenario: { main: () => {} }, message: 'Expected the scenario to have a non-empty string `name`' },
    { scenario: { name: '', main: () => {} }, message: 'Expected the scenario to have a non-empty string `name`' },
    { scenario: { name: 's', main: 1 }, message: 'Expected `main` of scenario "s" to be a function, got number' },
  ])('$message', async ({ scenario, message }) => {
    for (const run of [
      () => explore(scenario as unknown as Scenario),
      () => replay(scenario as unknown as Scenario, { schedule: '-' }),
    ]) {
      const e = await run().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ScenarioLoadError);
      expect((e as ScenarioLoadError).message).toBe(message);
      expect((e as ScenarioLoadError).code).toBe('INTERLEAVE_BAD_SCENARIO');
    }
  });
});

describe('replay commands', () => {
  it('each outcome carries its schedule and a command that names the file and the schedule', async () => {
    const r = await explore(twoPrinters, { file: 'scenarios/two.ts' });
    expect(r.scenario).toEqual({ name: 'two printers', file: 'scenarios/two.ts' });
    expect(r.outcomes.map((o) => [o.schedule, o.replay])).toEqual([
      ['1', 'npx interleave replay scenarios/two.ts --schedule 1'],
      ['2', 'npx interleave replay scenarios/two.ts --schedule 2'],
    ]);
  });

  it('without a file, or when asked, the command selects the scenario by name (shell-quoted)', async () => {
    const r = await explore(twoPrinters);
    expect(r.scenario.file).toBeNull();
    expect(r.outcomes[0]!.replay).toBe("npx interleave replay '<file>' --scenario 'two printers' --schedule 1");
    const named = await explore(twoPrinters, { file: 'x.ts', selectByName: true });
    expect(named.outcomes[0]!.replay).toBe("npx interleave replay x.ts --scenario 'two printers' --schedule 1");
  });

  it('options that differ from the scenario’s own are in the command; the empty schedule is --schedule=-', async () => {
    const single: Scenario = {
      name: 'single',
      options: { maxSteps: 50 },
      async main({ print }) {
        await print('x');
      },
    };
    expect((await explore(single, { file: 'f.ts' })).outcomes[0]!.replay).toBe(
      'npx interleave replay f.ts --schedule=-',
    );
    expect((await explore(single, { file: 'f.ts', maxSteps: 60, waitForTasks: true })).outcomes[0]!.replay).toBe(
      'npx interleave replay f.ts --schedule=- --max-steps 60 --wait-for-tasks',
    );
  });

  it('replay() returns the schedule it took and the same command', async () => {
    const run = await replay(twoPrinters, { schedule: '2', file: 'scenarios/two.ts' });
    expect(run.schedule).toBe('2');
    expect(run.replay).toBe('npx interleave replay scenarios/two.ts --schedule 2');
    expect(run.output).toEqual(['b', 'a']);
  });

  it('replay() traces by default and not when told', async () => {
    expect((await replay(twoPrinters, { schedule: '1' })).trace).toHaveLength(3);
    expect((await replay(twoPrinters, { schedule: '1', trace: false })).trace).toBeUndefined();
  });
});
