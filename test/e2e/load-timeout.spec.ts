/**
 * A module that never finishes loading — `while (true) {}` at its top level —
 * is a one-line load error naming the file after --load-timeout, for explore,
 * replay and list (which imports files in a worker too, and lists the others);
 * and a task that spins in the synchronous start of go(), before its first
 * await, is a hang named by its go() name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectUsageError, jsonLines, replayArgs, report, show, tempDir, type ReplayJson } from './helpers.js';

type Dir = Awaited<ReturnType<typeof tempDir>>;
let dir: Dir;

const SPIN_AT_IMPORT = 'while (true) {}\nexport default { name: "never", async main() {} };\n';

const FILES: Record<string, string> = {
  'spin-import.ts': SPIN_AT_IMPORT,
  // The simplest listing: one good file, one that spins at import.
  'pair/good.ts': 'export default { name: "good", async main({ print }: any) { await print("x"); } };\n',
  'pair/spin.ts': SPIN_AT_IMPORT,
  // The spinning file in the middle: the files after it are still listed, and a file that throws is still reported.
  'mixed/a-good.ts': 'export default { name: "alpha", description: "the first", async main() {} };\n',
  'mixed/b-spin.ts': SPIN_AT_IMPORT,
  'mixed/c-pair.js': 'export default [{ name: "gamma-1", async main() {} }, { name: "gamma-2", async main() {} }];\n',
  'mixed/d-throws.ts': 'throw new Error("no database in tests");\nexport default { name: "delta", async main() {} };\n',
  'mixed/e-last.ts': 'export default { name: "epsilon", async main() {} };\n',
  // A module that allocates without bound at import, beside a good one.
  'hoard/a-hoard.ts': 'const hoard: number[][] = [];\nfor (;;) hoard.push(new Array(100_000).fill(1));\nexport default { name: "hoard", async main() {} };\n',
  'hoard/b-good.ts': 'export default { name: "fine", async main() {} };\n',
  // go() runs its function at once, up to its first await: these spin there, in main's first step or a later one.
  'go-spin-start.ts': [
    'export default {',
    "  name: 'go-spin-start',",
    '  async main({ go }: any) {',
    "    go(() => { while (true) {} }, 'spinner');",
    '  },',
    '};',
    '',
  ].join('\n'),
  'go-spin-later.ts': [
    'export default {',
    "  name: 'go-spin-later',",
    '  async main({ go, print }: any) {',
    "    go(() => print('helper'), 'helper');",
    "    await print('before');",
    "    go(() => { while (true) {} }, 'spinner');",
    "    await print('after');",
    '  },',
    '};',
    '',
  ].join('\n'),
};

const at = (rel: string): string => `${dir.dir}/${rel}`;
const importHang = (rel: string): string =>
  `interleave: ${at(rel)}: loading did not finish within 1 s (--load-timeout): does the module run an endless loop at import?`;
const hangMessage = (where: string): string =>
  `task spinner ran for more than 1000 ms without reaching a scheduling operation ${where}: ` +
  'an endless loop in synchronous code? The run was stopped (--step-timeout)';

beforeAll(async () => {
  dir = await tempDir('load-timeout');
  await Promise.all(Object.entries(FILES).map(([n, t]) => dir.write(n, t)));
});

afterAll(async () => {
  await dir?.remove();
});

describe.concurrent('a module that spins at import: one line naming the file after --load-timeout, exit 2', { timeout: 60_000 }, () => {
  it('explore', async () => {
    const r = await cli(['explore', at('spin-import.ts'), '--load-timeout', '1s']);
    expectUsageError(r, importHang('spin-import.ts'));
    expect(r.stderr).toBe(`${importHang('spin-import.ts')}\n`);
  });

  it('replay', async () => {
    const r = await cli(['replay', at('spin-import.ts'), '--schedule=-', '--load-timeout', '1s']);
    expectUsageError(r, importHang('spin-import.ts'));
    expect(r.stderr).toBe(`${importHang('spin-import.ts')}\n`);
  });

  it('list: the good file is still listed', async () => {
    const r = await cli(['list', at('pair'), '--load-timeout', '1s']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr, show(r)).toBe(`${importHang('pair/spin.ts')}\n`);
    expect(r.stdout, show(r)).toBe(`${at('pair/good.ts')}  good\n`);
  });

  it('list: the files after the spinning one are listed too, in order, and each failure is its own line', async () => {
    const r = await cli(['list', at('mixed'), '--load-timeout', '1s']);
    expect(r.code, show(r)).toBe(2);
    const errors = r.stderr.trimEnd().split('\n');
    expect(errors, show(r)).toHaveLength(2);
    expect(errors[0]).toBe(importHang('mixed/b-spin.ts'));
    expect(errors[1]).toMatch(/^interleave: .*\/mixed\/d-throws\.ts: threw while loading: no database in tests \(.*d-throws\.ts:1\)$/);
    const w = at('mixed/c-pair.js').length;
    expect(r.stdout.split('\n'), show(r)).toEqual([
      `${at('mixed/a-good.ts').padEnd(w)}  alpha    the first`,
      `${at('mixed/c-pair.js').padEnd(w)}  gamma-1`,
      `${at('mixed/c-pair.js').padEnd(w)}  gamma-2`,
      `${at('mixed/e-last.ts').padEnd(w)}  epsilon`,
      '',
    ]);
  });

  it('list: a file that exhausts the heap at import is one line too (--max-heap), and the next file is listed', async () => {
    // A load bound long enough that the heap runs out first, however slowly the machine garbage-collects near the limit.
    const r = await cli(['list', at('hoard'), '--max-heap', '64', '--load-timeout', '10m']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr, show(r)).toBe(`interleave: ${at('hoard/a-hoard.ts')}: loading ran out of memory (heap limit 64 MB, --max-heap)\n`);
    expect(r.stdout, show(r)).toBe(`${at('hoard/b-good.ts')}  fine\n`);
  });

  it('list of files that all load: exit 0, nothing on stderr, with a short --load-timeout', async () => {
    const r = await cli(['list', 'scenarios/workers.ts', '--load-timeout', '1s']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('scenarios/workers.ts  workers\n');
  });
});

describe.concurrent('a task that spins before its first await is named by its go() name', { timeout: 60_000 }, () => {
  it('in main\'s first step: hang in task spinner, at its start', async () => {
    const r = await cli(['explore', at('go-spin-start.ts'), '--format', 'json', '--step-timeout', '1s']);
    expect(r.code, show(r)).toBe(1);
    const x = report(r);
    expect(x.stopReason).toBe('hang');
    const hang = x.outcomes[0]!;
    expect(hang.result).toBe('hang');
    expect(hang.schedule).toBe('-');
    expect(hang.panic).toEqual({ kind: 'hang', task: 'spinner', message: hangMessage('at its start') });
    expect(x.findings.map((f) => [f.kind, f.task, f.message])).toEqual([['hang', 'spinner', hangMessage('at its start')]]);
  });

  it('in a later step: hang in task spinner, at its start (step n); its replay says the same', async () => {
    const r = await cli(['explore', at('go-spin-later.ts'), '--format', 'json', '--step-timeout', '1s']);
    expect(r.code, show(r)).toBe(1);
    const x = report(r);
    const hang = x.outcomes[0]!;
    expect(hang.result).toBe('hang');
    expect(hang.panic).toEqual({ kind: 'hang', task: 'spinner', message: hangMessage(`at its start (step ${hang.steps})`) });
    expect(hang.steps).toBeGreaterThan(0);
    // The step after which main went on to start the spinner printed "before": its output is kept.
    expect(hang.output.at(-1)).toBe('before');
    expect(x.findings.find((f) => f.kind === 'hang')!.task).toBe('spinner');
    const rr = await cli([...replayArgs(hang.replay), '--format', 'json', '--step-timeout', '1s']);
    expect(rr.code, show(rr)).toBe(1);
    const [replayed] = jsonLines<ReplayJson>(rr);
    expect(replayed!.result).toBe('hang');
    expect(replayed!.panic).toEqual(hang.panic);
  });
});
