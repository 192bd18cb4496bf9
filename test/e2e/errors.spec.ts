/**
 * Usage and load errors: one line `interleave: …` on stderr, no stack trace,
 * exit code 2 — and the stack only with --verbose. Scenario files outside the
 * repository load whether or not they import interleave, with or without a
 * package.json around them.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, cliOnce, expectUsageError, jsonLines, packageJsonAbove, replayArgs, show, tempDir, type Exploration, type ReplayJson } from './helpers.js';

const W = 'scenarios/workers.ts';
const strategyNope = () => cliOnce(['explore', W, '--strategy', 'nope']);
const verboseThrow = () => cliOnce(['explore', `${bare.dir}/throws.ts`, '--verbose']);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Dir = Awaited<ReturnType<typeof tempDir>>;
let bare: Dir; // no package.json anywhere above it
let esm: Dir; // a package.json with {"type":"module"}

/** Files both directories hold: the bad ones, and two good ones (one imports interleave, one imports nothing). */
const COMMON: Record<string, string> = {
  'syntax-error.ts': 'export default {\n  name: "broken",\n  async main({ print }) {\n    await print("a" +);\n  },\n};\n',
  'throws.ts': 'function boom(): never {\n  throw new Error("kaboom at import");\n}\nboom();\nexport default { name: "x", async main() {} };\n',
  'no-default.ts': 'export const scenario = { name: "x", async main() {} };\n',
  'imports-interleave.ts': [
    "import { defineScenario } from 'interleave';",
    '',
    'export default defineScenario({',
    "  name: 'imports-interleave',",
    '  async main({ go, print }) {',
    "    const t = go(async () => { await print('worker'); return 2; }, 'w');",
    '    const v = await t.join();',
    "    await print('main got', v);",
    '    return v * 21;',
    '  },',
    '});',
    '',
  ].join('\n'),
  'imports-nothing.ts': [
    'export default [',
    "  { name: 'first', async main({ print }: any) { await print('one'); } },",
    "  { name: 'second', async main({ print, now, sleep }: any) { await sleep(1500); await print('two at', now()); } },",
    '];',
    '',
  ].join('\n'),
};

beforeAll(async () => {
  [bare, esm] = await Promise.all([tempDir('bare'), tempDir('esm')]);
  await esm.write('package.json', '{"type":"module"}\n');
  await Promise.all(
    [bare, esm].flatMap((d) => Object.entries(COMMON).map(([name, text]) => d.write(name, text))),
  );
  await Promise.all([
    bare.write('wrong-shape.ts', 'export default { title: "x", run() {} };\n'),
    bare.write('main-not-function.ts', 'export default { name: "x", main: "soon" };\n'),
    bare.write('number.ts', 'export default 42;\n'),
    bare.write('duplicate.ts', 'const s = { name: "twin", async main() {} };\nexport default [s, { ...s }];\n'),
    bare.write('notes.txt', 'not a scenario\n'),
    bare.write('empty/README.md', 'no scenarios here\n'),
    bare.write('esm-syntax.js', "export default { name: 'plain-js', async main({ print }) { await print('from js'); } };\n"),
    bare.write('commonjs.cjs', "module.exports = { name: 'commonjs', async main({ print }) { await print('from cjs'); } };\n"),
    bare.write('same-name/s.ts', "export default { name: 'from-ts', async main() {} };\n"),
    bare.write('same-name/s.js', "export default { name: 'from-js', async main() {} };\n"),
  ]);
});

afterAll(async () => {
  await Promise.all([bare?.remove(), esm?.remove()]);
});

describe.concurrent('usage errors: one line on stderr, no stack, exit 2', { timeout: 120_000 }, () => {
  it('unknown flag', async () => {
    expectUsageError(await cli(['explore', W, '--bogus']), /^interleave: Unknown argument: bogus\b/);
  });

  it('unknown command', async () => {
    expectUsageError(await cli(['frobnicate']), /^interleave: Unknown (argument|command): frobnicate\b/i);
  });

  it('no command at all', async () => {
    expectUsageError(await cli([]), 'interleave: name a command: explore, replay, list, report or merge');
  });

  it('--seed -3', async () => {
    expectUsageError(await cli(['explore', W, '--seed', '-3']), 'interleave: Expected --seed to be a whole number from 0 to 4294967295, got "-3"');
  });

  it('--seed abc', async () => {
    expectUsageError(await cli(['explore', W, '--seed', 'abc']), 'interleave: Expected --seed to be a whole number from 0 to 4294967295, got "abc"');
  });

  it('--max-executions 0', async () => {
    expectUsageError(await cli(['explore', W, '--max-executions', '0']), 'interleave: Expected --max-executions to be a whole number from 1 and up, got "0"');
  });

  it('--time-budget -1', async () => {
    expectUsageError(await cli(['explore', W, '--time-budget', '-1']), 'interleave: Expected --time-budget to be a duration above 0 such as 500ms, 10s or 2m, got "-1"');
  });

  it('--strategy nope names the flag, the value and the choices', async () => {
    expectUsageError(
      await strategyNope(),
      /^interleave: Invalid values: Argument: strategy, Given: "nope", Choices: (?=.*"exhaustive")(?=.*"random").*\(see interleave --help\)$/,
    );
  });

  // `--seed` with its value forgotten (say `--seed $SEED` with SEED unset) must not silently mean seed 1.
  it('--seed with no value', async () => {
    expectUsageError(
      await cli(['explore', W, '--strategy', 'random', '--max-executions', '5', '--seed']),
      'interleave: Expected --seed to be a whole number from 0 to 4294967295, got ""',
    );
  });

  it('replay without --schedule or --seed', async () => {
    expectUsageError(await cli(['replay', W]), 'interleave: replay needs exactly one of --schedule S or --seed N');
  });

  it('malformed schedule "1#"', async () => {
    expectUsageError(
      await cli(['replay', W, '--schedule', '1#']),
      'interleave: malformed schedule at character 2 ("1#"): unexpected character "#"; a schedule uses 0-9, a-z, _, : and .',
    );
  });

  it('schedule "9": picks a task that is not enabled', async () => {
    expectUsageError(
      await cli(['replay', W, '--schedule', '9']),
      'interleave: choice 1 of the schedule picks task 9, which is not enabled there (enabled: 1 (Pam), 2 (Jim))',
    );
  });

  it('schedule "1": too short', async () => {
    const r = await cli(['replay', W, '--schedule', '1']);
    expectUsageError(r, /^interleave: the schedule has 1 choices?, but the run reached choice 2 \(enabled: 1 \(Pam\), 2 \(Jim\)\)/);
    expect(r.stderr).toContain('the scenario or its options changed since the schedule was recorded');
  });

  it('schedule "11221": too long', async () => {
    expectUsageError(await cli(['replay', W, '--schedule', '11221']), /^interleave: the run ended after 4 choices, but the schedule has 5\b/);
  });

});

describe.concurrent('load errors: one line on stderr, no stack, exit 2', { timeout: 120_000 }, () => {
  it('a missing file', async () => {
    expectUsageError(await cli(['explore', 'scenarios/no-such-file.ts']), 'interleave: scenarios/no-such-file.ts: no such file or directory');
  });

  it('a directory with no scenario files', async () => {
    const dir = `${bare.dir}/empty`;
    expectUsageError(await cli(['explore', dir]), `interleave: ${dir}: no scenario files in this directory (looked for .ts .mts .cts .tsx .js .mjs .cjs)`);
  });

  it('a .txt file', async () => {
    const f = `${bare.dir}/notes.txt`;
    expectUsageError(await cli(['explore', f]), `interleave: ${f}: not a scenario file (expected one of .ts .mts .cts .tsx .js .mjs .cjs)`);
  });

  it('a default export that is not a scenario: wrong shape', async () => {
    const f = `${bare.dir}/wrong-shape.ts`;
    expectUsageError(await cli(['explore', f]), `interleave: ${f}: the default export has no \`name\` (a non-empty string)`);
  });

  it('a default export that is not a scenario: main is not a function', async () => {
    const f = `${bare.dir}/main-not-function.ts`;
    expectUsageError(await cli(['explore', f]), `interleave: ${f}: scenario "x" has no \`main\` function (got string)`);
  });

  it('a file with no default export', async () => {
    const f = `${bare.dir}/no-default.ts`;
    expectUsageError(await cli(['explore', f]), `interleave: ${f}: no default export; export default a scenario object { name, main } or an array of them`);
  });

  it('duplicate scenario names in an array export', async () => {
    const f = `${bare.dir}/duplicate.ts`;
    expectUsageError(await cli(['explore', f]), `interleave: ${f}: two scenarios are named "twin"`);
  });

  for (const which of ['bare', 'esm'] as const) {
    const dir = () => (which === 'bare' ? bare : esm).dir;

    it(`${which}: a syntax error names file:line:col`, async () => {
      const f = `${dir()}/syntax-error.ts`;
      expectUsageError(await cli(['explore', f]), `interleave: ${f}:4:21: syntax error: Unexpected ")"`);
    });

    it(`${which}: a module that throws at import`, async () => {
      const f = `${dir()}/throws.ts`;
      expectUsageError(await cli(['explore', f]), new RegExp(`^interleave: ${escape(f)}: threw while loading: kaboom at import \\(.*throws\\.ts:2\\)$`));
    });
  }

  it('--verbose shows the stack of a load error', async () => {
    const r = await verboseThrow();
    expect(r.code, show(r)).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]!.startsWith('interleave: '), show(r)).toBe(true);
    expect(lines[0]).toContain('threw while loading: kaboom at import');
    expect(lines.length).toBeGreaterThan(2);
    expect(r.stderr).toMatch(/^\s+at /m);
  });

  it('--verbose on a module that throws also shows where the user code threw', async () => {
    const r = await verboseThrow();
    expect(r.stderr).toMatch(/^caused by: Error: kaboom at import$/m);
    expect(r.stderr).toMatch(/^\s+at boom \(.*throws\.ts:2:9\)$/m);
  });

  it('--verbose shows the stack of a usage error', async () => {
    const r = await cli(['explore', W, '--seed', 'abc', '--verbose']);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('interleave: Expected --seed to be a whole number from 0 to 4294967295, got "abc"');
    expect(r.stderr).toMatch(/^\s+at /m);
  });
});

describe.concurrent('scenario files outside the repository', { timeout: 120_000 }, () => {
  it('the temp directories are what the tests say they are', async () => {
    expect(packageJsonAbove(bare.dir), 'a package.json above the "bare" temp dir').toBeUndefined();
    expect(packageJsonAbove(esm.dir)).toBe(`${esm.dir}/package.json`);
    expect(JSON.parse(await readFile(`${esm.dir}/package.json`, 'utf8'))).toEqual({ type: 'module' });
  });

  for (const which of ['bare', 'esm'] as const) {
    it(`${which}: one that imports interleave and one that imports nothing both load and explore`, async () => {
      const d = which === 'bare' ? bare : esm;
      const files = [`${d.dir}/imports-interleave.ts`, `${d.dir}/imports-nothing.ts`];
      // With no package.json, a .js file in ES module syntax loads too.
      if (which === 'bare') files.push(`${d.dir}/esm-syntax.js`);
      const r = await cli(['explore', ...files, '--format', 'json']);
      expect(r.code, show(r)).toBe(0);
      expect(r.stderr, show(r)).toBe('');
      const reports = jsonLines<Exploration>(r);
      expect(reports.map((x) => [x.scenario.name, x.scenario.file])).toEqual([
        ['imports-interleave', files[0]],
        ['first', files[1]],
        ['second', files[1]],
        ...(which === 'bare' ? [['plain-js', files[2]]] : []),
      ]);
      for (const x of reports) {
        expect(x.complete).toBe(true);
        expect(x.findings).toEqual([]);
        expect(x.outcomes).toHaveLength(1);
        expect(x.outcomes[0]!.result).toBe('ok');
      }
      expect(reports[0]!.outcomes[0]).toMatchObject({ output: ['worker', 'main got 2'], value: 42 });
      expect(reports[1]!.outcomes[0]).toMatchObject({ output: ['one'], value: null });
      expect(reports[2]!.outcomes[0]).toMatchObject({ output: ['two at 1500'], time: 1500 });
      if (which === 'bare') expect(reports[3]!.outcomes[0]!.output).toEqual(['from js']);
      // A file with several scenarios: the replay command names the one to run.
      expect(reports[2]!.outcomes[0]!.replay).toBe(`npx interleave replay ${files[1]} --scenario second --schedule=-`);
      if (which === 'esm') {
        const rr = await cli([...replayArgs(reports[2]!.outcomes[0]!.replay), '--format', 'json']);
        expect(rr.code, show(rr)).toBe(0);
        const [replayed] = jsonLines<ReplayJson>(rr);
        expect(replayed!.scenario).toEqual({ name: 'second', file: files[1] });
        expect(replayed!.output).toEqual(['two at 1500']);
      }
    });
  }

  it('replay --schedule - (the empty schedule, space-separated) runs like --schedule=-', async () => {
    const f = `${bare.dir}/imports-nothing.ts`;
    const [spaced, joined] = await Promise.all([
      cli(['replay', f, '--scenario', 'second', '--schedule', '-']),
      cli(['replay', f, '--scenario', 'second', '--schedule=-']),
    ]);
    expect(spaced.code, show(spaced)).toBe(0);
    expect(spaced.stdout).toContain('two at 1500');
    expect(spaced.stdout).toBe(joined.stdout);
  });

  it('replay of a file with several scenarios and no --scenario says which to pick', async () => {
    const f = `${bare.dir}/imports-nothing.ts`;
    expectUsageError(await cli(['replay', f, '--schedule=-']), `interleave: ${f} holds 2 scenarios (first, second); pick one with --scenario`);
  });

  it('a .cjs file with module.exports = scenario loads', async () => {
    const f = `${bare.dir}/commonjs.cjs`;
    const r = await cli(['explore', f, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code, show(r)).toBe(0);
    const [x] = jsonLines<Exploration>(r);
    expect(x!.scenario.name).toBe('commonjs');
    expect(x!.outcomes.map((o) => o.output)).toEqual([['from cjs']]);
  });

  // tsx alone would map s.js to s.ts (TypeScript's import convention).
  it('s.js next to s.ts: explore s.js runs s.js', async () => {
    const f = `${bare.dir}/same-name/s.js`;
    const r = await cli(['explore', f, '--format', 'json']);
    expect(r.code, show(r)).toBe(0);
    const [x] = jsonLines<Exploration>(r);
    expect(x!.scenario).toEqual({ name: 'from-js', file: f });
  });

  // `interleave explore … | head`: the reader leaves after the first chunk of a long report.
  it('a reader that goes away (| head): no stack trace, the run ends with its own exit code', async () => {
    const args = [BIN, 'explore', 'scenarios/prints-3x3.ts', '--format', 'json', '--no-out'];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1); // the ordering finding, as with the whole report read
  });
});
