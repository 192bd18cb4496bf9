/**
 * Never hang, never lie: scenarios that spin, allocate without bound, await
 * forever, read Math.random or keep state in their module are each detected
 * and reported through the binary — the CLI neither freezes nor crashes —
 * with a small --step-timeout and heap, so each test takes its normal time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, jsonLines, replayArgs, report, show, tempDir, type Exploration, type ReplayJson } from './helpers.js';

type Dir = Awaited<ReturnType<typeof tempDir>>;
let dir: Dir;

const FILES: Record<string, string> = {
  'spin.ts': [
    'export default {',
    "  name: 'spin',",
    '  async main({ go, print, yieldNow }: any) {',
    '    go(async () => {',
    "      await print('spinner starts');",
    '      await yieldNow();',
    '      for (;;) {}',
    "    }, 'spinner');",
    "    await print('main');",
    '  },',
    '};',
    '',
  ].join('\n'),
  'io-spin.ts': [
    'export default {',
    "  name: 'io-spin',",
    '  async main({ print, io }: any) {',
    "    await print('first');",
    "    await io('db', () => { for (;;) {} });",
    "    await print('never');",
    '  },',
    '};',
    '',
  ].join('\n'),
  'hoard.ts': [
    'export default {',
    "  name: 'hoard',",
    '  async main({ print }: any) {',
    "    await print('allocating');",
    '    const hoard: number[][] = [];',
    '    for (;;) hoard.push(new Array(100_000).fill(1));',
    '  },',
    '};',
    '',
  ].join('\n'),
  'never.ts': [
    'export default {',
    "  name: 'never',",
    '  async main({ print }: any) {',
    "    await print('before');",
    '    await new Promise(() => {});',
    "    await print('after');",
    '  },',
    '};',
    '',
  ].join('\n'),
  'dice.ts': [
    'export default {',
    "  name: 'dice',",
    '  async main({ go, print }: any) {',
    "    go(() => print('a'), 'a');",
    '    await print(`rolled ${Math.floor(Math.random() * 1e9)}`);',
    '  },',
    '};',
    '',
  ].join('\n'),
  'leak.ts': [
    'const runs: number[] = []; // module-level: shared by every execution',
    'export default {',
    "  name: 'leak',",
    '  async main({ go, print }: any) {',
    '    runs.push(1);',
    "    go(() => print('a'), 'a');",
    '    await print(`run ${runs.length}`);',
    '  },',
    '};',
    '',
  ].join('\n'),
  // Two scenarios: the first hangs in some schedules only, the second is fine and must still be explored.
  'two.ts': [
    'export default [',
    '  {',
    "    name: 'late-spin',",
    '    async main({ go, print, waitGroup }: any) {',
    '      const wg = waitGroup();',
    '      wg.add(2);',
    "      let last = '';",
    '      for (const n of ["x", "y"]) {',
    '        go(async () => {',
    '          await print(n);',
    '          last = n;',
    '          wg.done();',
    '        }, n);',
    '      }',
    '      await wg.wait();',
    "      if (last === 'x') for (;;) {}",
    '      return last;',
    '    },',
    '  },',
    "  { name: 'fine', async main({ print }: any) { await print('fine'); } },",
    '];',
    '',
  ].join('\n'),
};

const path = (name: string): string => `${dir.dir}/${name}`;
// 1 s, not less: on a loaded machine a thread can be off the CPU for a few hundred ms, and the scenarios' honest steps must not count as hangs.
const explore = (name: string, extra: string[] = [], stepTimeout = '1s') =>
  cli(['explore', path(name), '--format', 'json', '--step-timeout', stepTimeout, ...extra]);

beforeAll(async () => {
  dir = await tempDir('safety');
  await Promise.all(Object.entries(FILES).map(([n, t]) => dir.write(n, t)));
});

afterAll(async () => {
  await dir?.remove();
});

describe.concurrent('hostile scenarios are detected and reported, never a frozen or crashed CLI', { timeout: 120_000 }, () => {
  it('while (true) {}: a hang, naming the task, its last operation and the schedule; the outcomes found before are kept', async () => {
    const r = await explore('spin.ts');
    expect(r.code, show(r)).toBe(1);
    const x = report(r);
    expect(x.complete).toBe(false);
    expect(x.stopReason).toBe('hang');
    const hang = x.outcomes[0]!;
    expect(hang.result).toBe('hang');
    expect(hang.schedule).toBe('11');
    expect(hang.output).toEqual(['spinner starts']);
    expect(hang.panic).toEqual({
      kind: 'hang',
      task: 'spinner',
      message:
        'task spinner ran for more than 1000 ms without reaching a scheduling operation after `yield` (step 2): ' +
        'an endless loop in synchronous code? The run was stopped (--step-timeout)',
      site: `${path('spin.ts')}:6`,
    });
    // The depth-first search ran schedules 0 and 10 before 11 spun.
    expect(x.outcomes.slice(1).map((o) => [o.schedule, o.output, o.result])).toEqual([
      ['0', ['main'], 'ok'],
      ['10', ['spinner starts', 'main'], 'ok'],
    ]);
    expect(x.findings.map((f) => f.kind)).toEqual(['ordering', 'hang', 'unfinished']);
    expect(x.findings[1]!.message).toBe(`${hang.panic!.message} (${path('spin.ts')}:6)`);
    // Its replay command reproduces the hang.
    const rr = await cli([...replayArgs(hang.replay), '--format', 'json', '--step-timeout', '1s']);
    expect(rr.code, show(rr)).toBe(1);
    const [replayed] = jsonLines<ReplayJson>(rr);
    expect(replayed!.result).toBe('hang');
    expect(replayed!.panic).toEqual(hang.panic);
    // The trace ends with the step after which the task never returned.
    expect(replayed!.trace!.map((s) => [s.task, s.op])).toEqual([
      ['spinner', 'print "spinner starts"'],
      ['spinner', 'yield'],
    ]);
  });

  it("a loop inside the step's own operation (io's function): the hang is described up to the step before, at once", async () => {
    const r = await explore('io-spin.ts');
    expect(r.code, show(r)).toBe(1);
    const hang = report(r).outcomes[0]!;
    expect([hang.result, hang.output]).toEqual(['hang', ['first']]);
    expect(hang.panic).toEqual({
      kind: 'hang',
      task: 'main',
      message:
        'task main ran for more than 1000 ms without reaching a scheduling operation inside `io db` (step 2): ' +
        'an endless loop in synchronous code? The run was stopped (--step-timeout)',
      site: `${path('io-spin.ts')}:5`,
    });
  });

  it('a hang in one scenario of a file: the next scenario is still explored', async () => {
    const r = await explore('two.ts');
    expect(r.code, show(r)).toBe(1);
    const [late, fine] = jsonLines<Exploration>(r);
    expect(late!.stopReason).toBe('hang');
    expect(late!.outcomes[0]!.panic).toMatchObject({ kind: 'hang', task: 'main' });
    expect(late!.outcomes[0]!.panic!.message).toMatch(/^task main ran for more than 1000 ms without reaching a scheduling operation after `wait wg#1/);
    expect(late!.outcomes[0]!.output).toEqual(['y', 'x']);
    expect(late!.outcomes.slice(1).map((o) => [o.output, o.value])).toEqual([[['x', 'y'], 'y']]);
    expect(fine!.complete).toBe(true);
    expect(fine!.outcomes.map((o) => o.output)).toEqual([['fine']]);
  });

  it('an unbounded allocation: out-of-memory, and the CLI survives to report it with exit code 1', async () => {
    // A step timeout long enough that the heap runs out first, however slowly the machine garbage-collects near the limit.
    const r = await explore('hoard.ts', ['--max-heap', '64'], '10m');
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr, show(r)).toBe('');
    const x = report(r);
    expect(x.stopReason).toBe('out-of-memory');
    expect(x.outcomes).toHaveLength(1);
    expect(x.outcomes[0]!.result).toBe('out-of-memory');
    expect(x.outcomes[0]!.schedule).toBe('-');
    expect(x.outcomes[0]!.panic).toEqual({
      kind: 'out-of-memory',
      task: 'main',
      message: 'task main ran out of memory after `print "allocating"` (step 1): the heap limit is 64 MB (--max-heap); an allocation without bound?',
      site: `${path('hoard.ts')}:4`,
    });
    expect(x.findings.map((f) => f.kind)).toEqual(['out-of-memory']);
  });

  it('a never-settling promise: uncontrolled-await, at once', async () => {
    const r = await explore('never.ts');
    expect(r.code, show(r)).toBe(1);
    const x = report(r);
    expect(x.complete).toBe(true);
    expect(x.outcomes.map((o) => [o.output, o.result])).toEqual([[['before'], 'panic']]);
    expect(x.findings).toEqual([
      {
        kind: 'uncontrolled-await',
        message:
          'task main awaited something interleave does not control (a real timer, real I/O, or a promise that no ' +
          'scheduling operation settles) after `print "before"`',
        outcome: 0,
        task: 'main',
      },
    ]);
  });

  it('Math.random(): nondeterministic-scenario, naming the step that differs', async () => {
    const r = await explore('dice.ts');
    expect(r.code, show(r)).toBe(1);
    const x = report(r);
    expect(x.complete).toBe(false);
    expect(x.stopReason).toBe('nondeterministic');
    const f = x.findings[0]!;
    expect(f.kind).toBe('nondeterministic-scenario');
    expect(f.schedule).toBe('0');
    expect(f.step).toBe(1);
    expect(f.message).toMatch(
      new RegExp(
        '^the scenario is not deterministic: execution 1 \\(schedule 0\\) ran differently under the same schedule: ' +
          `at step 1 \\(${path('dice.ts').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5\\) main ran \`print "rolled \\d+"\` \\(among 2 enabled\\), ` +
          'then main ran `print "rolled \\d+"` \\(among 2 enabled\\)\\. It reads something interleave does not control',
      ),
    );
  });

  it('module-level state leaking across executions: nondeterministic-scenario', async () => {
    const r = await explore('leak.ts');
    expect(r.code, show(r)).toBe(1);
    const x = report(r);
    const f = x.findings[0]!;
    expect(f.kind).toBe('nondeterministic-scenario');
    expect(f.message).toContain('at step 1 (');
    expect(f.message).toContain('main ran `print "run 1"` (among 2 enabled), then main ran `print "run 2"` (among 2 enabled)');
    expect(f.message).toContain('state kept in its module from one execution to the next (create state inside main)');
  });

  it('--check-determinism 0 turns the check off: the leak then goes unnoticed (why the check is on by default)', async () => {
    const r = await explore('leak.ts', ['--check-determinism', '0']);
    const x = report(r);
    expect(x.findings.map((f) => f.kind)).not.toContain('nondeterministic-scenario');
  });
});
