/**
 * The determinism check: a sample of executions is run again under the same
 * schedule, and a scenario that reads Math.random, the real clock or state
 * left in its module by an earlier execution is reported as
 * `nondeterministic-scenario`, naming the first step that differs.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';

const twoPrinters = (extra: (print: (...v: unknown[]) => Promise<void>) => Promise<void>): Scenario => ({
  name: 'two',
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
    await extra(print);
  },
});

describe('determinism check', () => {
  it('a deterministic scenario: no finding, complete, the same counts as without the check', async () => {
    const s = twoPrinters(async () => {});
    const on = await explore(s, { strategy: 'exhaustive' });
    const off = await explore(s, { strategy: 'exhaustive', checkDeterminism: false });
    expect(on.findings.map((f) => f.kind)).toEqual(['ordering']);
    expect(on.complete).toBe(true);
    expect(on.outcomes.map((o) => [o.output, o.count])).toEqual(off.outcomes.map((o) => [o.output, o.count]));
    expect(on.executions).toBe(off.executions);
  });

  it('Math.random in the output: found at the step that prints it', async () => {
    const s = twoPrinters(async (print) => {
      await print(`lucky ${Math.random()}`);
    });
    const r = await explore(s, { strategy: 'exhaustive' });
    const f = r.findings[0]!;
    expect(f.kind).toBe('nondeterministic-scenario');
    // The first execution: task a first (schedule 1), then b, wg.wait, and main's print at step 4.
    expect(f.schedule).toBe('1');
    expect(f.step).toBe(4);
    expect(f.message).toMatch(
      /^the scenario is not deterministic: execution 1 \(schedule 1\) ran differently under the same schedule: at step 4 \(.*determinism\.spec\.ts:\d+\) main ran `print "lucky 0\.\d+"`, then main ran `print "lucky 0\.\d+"`\. It reads something interleave does not control/,
    );
    expect(r.complete).toBe(false);
    expect(r.stopReason).toBe('nondeterministic');
  });

  it('Math.random choosing which task to start: the schedule does not fit its own re-run', async () => {
    const s: Scenario = {
      name: 'random-tasks',
      async main({ go, print }) {
        const n = 1 + Math.floor(Math.random() * 1e9) % 5;
        for (let i = 0; i < n; i++) go(() => print(i));
        await print('m');
      },
    };
    // Rarely, Math.random picks the same count several times; the check samples several executions.
    const r = await explore(s, { strategy: 'exhaustive', checkDeterminism: 10 });
    expect(r.findings.map((f) => f.kind)).toContain('nondeterministic-scenario');
    expect(r.complete).toBe(false);
  });

  it('module-level state leaking from one execution to the next: found, and so said', async () => {
    let runs = 0; // lives outside main: every execution sees the last one's value
    const s: Scenario = {
      name: 'leak',
      async main({ go, print }) {
        runs++;
        go(() => print('a'), 'a');
        await print(`run ${runs}`);
      },
    };
    const r = await explore(s, { strategy: 'exhaustive', checkDeterminism: 1 });
    const f = r.findings[0]!;
    expect(f.kind).toBe('nondeterministic-scenario');
    expect(f.message).toMatch(/execution 1 \(schedule 0\) ran differently under the same schedule: at step 1 \(.*\) main ran `print "run 1"`.*, then main ran `print "run 2"`/);
  });

  it('a counter kept in the module: the exhaustive search is stopped with the finding, not an exception', async () => {
    let runs = 0;
    const s: Scenario = {
      name: 'growing',
      async main({ go, print }) {
        runs++;
        for (let i = 0; i < runs; i++) go(() => print(i));
        await print('m');
      },
    };
    const r = await explore(s, { strategy: 'exhaustive', checkDeterminism: false });
    expect(r.findings[0]!.kind).toBe('nondeterministic-scenario');
    expect(r.findings[0]!.message).toContain('choice point 1 had 2 enabled moves before and 3 now, under the same schedule');
    expect(r.complete).toBe(false);
    expect(r.stopReason).toBe('nondeterministic');
  });

  it('state leaking slowly is caught by execution 0 run again at the end', async () => {
    let runs = 0;
    const s: Scenario = {
      name: 'slow-leak',
      async main({ go, print, waitGroup, yieldNow }) {
        runs++;
        const wg = waitGroup();
        wg.add(2);
        for (const n of ['a', 'b']) go(async () => { await yieldNow(); wg.done(); }, n);
        await wg.wait();
        // Execution 0 and its re-run print "same"; from the second execution on, "changed".
        await print(runs > 2 ? 'changed' : 'same');
      },
    };
    const r = await explore(s, { strategy: 'exhaustive', checkDeterminism: 1 });
    const f = r.findings[0]!;
    expect(f.kind).toBe('nondeterministic-scenario');
    expect(f.message).toContain('after the other executions (state kept in the module from one execution to the next?)');
    expect(f.message).toMatch(/main ran `print "same"`, then main ran `print "changed"`/);
  });
});
