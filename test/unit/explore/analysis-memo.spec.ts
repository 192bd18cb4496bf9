/**
 * A sample (random, pct) runs each distinct schedule's happens-before
 * analysis once: repeats run without the monitor. The log, and so every
 * finding, must come out exactly as if every execution had been analysed.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import { AnalysisMemo } from '../../../src/explore/analysis-memo.js';
import { runExploration } from '../../../src/explore/explore.js';
import { resolveOptions } from '../../../src/options.js';
import type { ExecutionResult } from '../../../src/runtime/execution.js';
import { ScheduleError } from '../../../src/errors.js';
import type { Replay } from '../../../src/explore/replay.js';
import type { Execution } from '../../../src/runtime/execution.js';
import { moveAlt, moveTask } from '../../../src/runtime/move.js';
import { richProgramArb, richScenario } from './rich-programs.js';

const run = (choices: number[], fingerprint: number, output: string[] = []): ExecutionResult => ({
  output,
  value: null,
  result: 'ok',
  unfinished: [],
  steps: choices.length,
  time: 0,
  choices,
  violations: [],
  fingerprint,
});

describe('AnalysisMemo.isNew', () => {
  it('a schedule is new once; schedules that share a fingerprint are told apart by their choices', () => {
    const m = new AnalysisMemo();
    expect(m.isNew(run([1, 2], 7))).toBe(true);
    expect(m.isNew(run([1, 2], 7))).toBe(false);
    expect(m.isNew(run([2, 1], 7))).toBe(true);
    expect(m.isNew(run([2], 7))).toBe(true);
    expect(m.isNew(run([], 7))).toBe(true);
    expect([[1, 2], [2, 1], [2], []].map((c) => m.isNew(run(c, 7)))).toEqual([false, false, false, false]);
    expect(m.isNew(run([2, 1], 8))).toBe(true);
  });
});

describe('AnalysisMemo.monitor', () => {
  it('the monitor runs while more than one execution in five is expected to be new (schedules met once / executions)', () => {
    const m = new AnalysisMemo();
    const A = [1, 2];
    const B = [2, 1];
    const C = [3];
    const D = [4];
    const steps: [number[], boolean][] = [
      // [schedule, monitor() after it] — met once: A / executions 1
      [A, true],
      [A, false], // 0/2
      [B, true], // 1/3
      [A, true], // 1/4
      [A, false], // 1/5: not more than one in five
      [C, true], // 2/6
      [C, false], // 1/7
      [A, false], // 1/8
      [D, true], // 2/9
      [A, false], // 2/10
    ];
    expect(m.monitor()).toBe(true);
    expect(steps.map(([c]) => (m.isNew(run(c, c[0] ?? 0)), m.monitor()))).toEqual(steps.map(([, on]) => on));
  });

  it('once the schedules it keeps hold 2^20 choices (one more per schedule), it keeps none and the monitor always runs', () => {
    const m = new AnalysisMemo();
    // 1023 schedules of 1023 choices: 1023 · 1024 kept, one schedule short of 2^20.
    const long = (i: number): number[] => Array.from({ length: 1023 }, (_, k) => (k === 0 ? i : 0));
    for (let i = 0; i < 1023; i++) m.isNew(run(long(i), i));
    for (let i = 0; i < 1023 * 5; i++) m.isNew(run(long(0), 0));
    expect(m.monitor()).toBe(false);
    expect(m.isNew(run(long(-1), -1))).toBe(true);
    expect(m.monitor()).toBe(true);
    expect(m.isNew(run(long(-2), -2))).toBe(false);
    expect(m.isNew(run(long(0), 0))).toBe(false);
    expect(m.monitor()).toBe(true);
  });
});

/** A re-run that follows `replay` through `choices` (one enabled move at each) and ends with `output`. */
const rerun =
  (choices: number[], output: string[]) =>
  async (replay: Replay): Promise<ExecutionResult> => {
    for (const c of choices) {
      const exec = { enabled: [{ id: moveTask(c) }], enabledAlt: [moveAlt(c)] } as unknown as Execution;
      replay.choose(1, exec);
    }
    return run(choices, 7, output);
  };

describe('AnalysisMemo.analyse', () => {
  it('re-runs the schedule; says what differed when the scenario did not replay', async () => {
    const m = new AnalysisMemo();
    const r = run([1, 2], 7, ['a', 'b']);
    expect(await m.analyse(r, rerun([1, 2], ['a', 'b']))).toBeUndefined();
    expect(await m.analyse(r, rerun([1, 2], ['a', 'c']))).toBe(
      'output line 2 was "b", then "c" (in the re-run for the analysis)',
    );
    expect(
      await m.analyse(r, async () => {
        throw new ScheduleError('choice 2 of the schedule picks task 2, which is not enabled there');
      }),
    ).toBe(
      'the re-run for the analysis did not fit its own schedule: choice 2 of the schedule picks task 2, which is not enabled there',
    );
    expect(await m.analyse(r, rerun([1], ['a', 'b']))).toBe(
      'the re-run for the analysis did not fit its own schedule: the run ended after 1 choice, but the schedule has 2: ' +
        'the scenario or its options changed since the schedule was recorded, or it belongs to another scenario',
    );
    expect(await m.analyse(r, async () => null)).toBe('the re-run for the analysis was abandoned');
  });
});

/** Explores with the monitor in every execution, as before the memo: the baseline. */
async function monitorAlways<T>(f: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(AnalysisMemo.prototype, 'monitor').mockReturnValue(true);
  try {
    return await f();
  } finally {
    spy.mockRestore();
  }
}

describe('a sample analyses each schedule once', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the log and the findings are those of analysing every execution (random and pct)', async () => {
    // How often the memo left the monitor out, over all runs: the property must not hold vacuously.
    let skipped = 0;
    const monitor = AnalysisMemo.prototype.monitor;
    await fc.assert(
      fc.asyncProperty(
        richProgramArb,
        fc.constantFrom('random' as const, 'pct' as const),
        fc.integer({ min: 0, max: 1000 }),
        async (p, strategy, seed) => {
          const s = richScenario(p);
          const opts = resolveOptions(s, { strategy, seed, maxExecutions: 400 });
          const every = await monitorAlways(() => runExploration(s, opts));
          const spy = vi.spyOn(AnalysisMemo.prototype, 'monitor').mockImplementation(function (this: AnalysisMemo) {
            const on = monitor.call(this);
            if (!on) skipped++;
            return on;
          });
          const once = await runExploration(s, opts).finally(() => spy.mockRestore());
          expect(once.divergence).toBeUndefined();
          expect(once.executions).toBe(every.executions);
          expect(once.log!.exportState()).toEqual(every.log!.exportState());
          expect(once.analysis).toEqual(every.analysis);
        },
      ),
      { numRuns: 60, seed: 20261127 },
    );
    expect(skipped).toBeGreaterThan(60 * 100);
  });

  it('workers.ts: the same findings, word for word, as with the monitor in every execution', async () => {
    const { default: workers } = await import('../../../scenarios/workers.js');
    const options = { strategy: 'random' as const, seed: 3, maxExecutions: 5000 };
    const r = await explore(workers, options);
    const every = await monitorAlways(() => explore(workers, options));
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering', 'timing']);
    expect(r.findings).toEqual(every.findings);
  });

  it('a scenario that stops replaying after the determinism sample: the re-run for the analysis finds it', async () => {
    // From its 100th execution on, every other one takes an extra step; the output never changes.
    let calls = 0;
    const s: Scenario = {
      name: 'drifting',
      async main({ go, print, yield: pass }) {
        const extra = ++calls > 100 && calls % 2 === 1;
        go(() => print('a'), 'a');
        go(() => print('b'), 'b');
        if (extra) await pass();
        await print('m');
      },
    };
    const r = await explore(s, { strategy: 'random', seed: 1, maxExecutions: 1000 });
    expect(r.stopReason).toBe('nondeterministic');
    const f = r.findings.find((x) => x.kind === 'nondeterministic-scenario')!;
    // The re-run for the analysis differed; two traced re-runs name the step, as for the determinism check's own.
    const m =
      /^the scenario is not deterministic: execution (\d+) \(schedule (\d+)\) ran differently under the same schedule: at step (\d) \(test\/unit\/explore\/analysis-memo\.spec\.ts:\d+\) main ran `yield`, then main ran `print "m"`\. /.exec(
        f.message,
      );
    expect(m).not.toBeNull();
    const [, execution, schedule, step] = m!;
    expect(f.schedule).toBe(schedule);
    expect(f.step).toBe(Number(step));
    // The execution that diverged is counted, as one the determinism check re-runs is.
    expect(r.executions).toBe(Number(execution));
    expect(Number(execution)).toBeGreaterThan(50);
    // With the monitor in every execution, no re-run happens: only the end-of-run check sees it, at execution 1.
    calls = 0;
    const every = await monitorAlways(() => explore(s, { strategy: 'random', seed: 1, maxExecutions: 1000 }));
    expect(every.findings.find((x) => x.kind === 'nondeterministic-scenario')!.message).toMatch(
      /^the scenario is not deterministic: execution 1 /,
    );
  });
});
