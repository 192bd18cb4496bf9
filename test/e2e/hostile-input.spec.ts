/**
 * Every kind of hostile or broken input, in one table: the CLI answers each
 * with one line on stderr (`interleave: …`), no stack trace, and the exit
 * code the contract sets — 2 for usage and load errors, 1 for a scenario
 * that runs but fails — and adds the stack only with --verbose.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSchedule } from '../../src/index.js';
import { cli, expectUsageError, jsonLines, report, show, tempDir, type ReplayJson } from './helpers.js';

type Dir = Awaited<ReturnType<typeof tempDir>>;
let dir: Dir;
const W = 'scenarios/workers.ts';
const at = (rel: string): string => `${dir.dir}/${rel}`;

const FILES: Record<string, string> = {
  'notes.txt': 'not a scenario\n',
  'empty/README.md': 'no scenarios here\n',
  'binary.ts': '\u0000\u0001\u0002 not TypeScript at all \u00ff\n',
  'syntax.ts': 'export default {\n  name: "broken",\n  async main({ print }) {\n    await print("a" +);\n  },\n};\n',
  'throws.ts': 'throw new Error("no database in tests");\nexport default { name: "x", async main() {} };\n',
  'wrong-shape.ts': 'export default { title: "x", run() {} };\n',
  'not-object.ts': 'export default "workers";\n',
  'no-default.ts': 'export const scenario = { name: "x", async main() {} };\n',
  'empty-array.ts': 'export default [];\n',
  'main-not-function.ts': 'export default { name: "x", main: 42 };\n',
  'duplicate.ts': 'const s = { name: "twin", async main() {} };\nexport default [s, { ...s }];\n',
  'bigint.ts': 'export default { name: "big", async main({ print }: any) { await print("x"); return 10n; } };\n',
  'function-value.ts': 'export default { name: "fn", async main() { return { f() {} }; } };\n',
  'map-value.ts': 'export default { name: "map", async main() { return new Map([[1, 2]]); } };\n',
  'not-a-report.json': '{"hello": "world"}\n',
  'empty-report.json': '',
  'garbage-report.json': '{"scenario": {"name": "x"}, "outcomes": []}\nthis is not json\n',
};

interface Row {
  name: string;
  args: () => string[];
  code: 1 | 2;
  /** The one stderr line (exit 2), or a line the text report must hold (exit 1). */
  message: string | RegExp | (() => string | RegExp);
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const EXT = '.ts .mts .cts .tsx .js .mjs .cjs';

const TABLE: Row[] = [
  // Files and directories
  { name: 'missing file', args: () => ['explore', 'scenarios/no-such.ts'], code: 2, message: 'interleave: scenarios/no-such.ts: no such file or directory' },
  { name: 'directory without scenarios', args: () => ['explore', at('empty')], code: 2, message: () => `interleave: ${at('empty')}: no scenario files in this directory (looked for ${EXT})` },
  { name: 'file that is not a module (.txt)', args: () => ['explore', at('notes.txt')], code: 2, message: () => `interleave: ${at('notes.txt')}: not a scenario file (expected one of ${EXT})` },
  { name: 'file that is not a module (binary bytes in .ts)', args: () => ['explore', at('binary.ts')], code: 2, message: () => new RegExp(`^interleave: ${esc(at('binary.ts'))}:1:\\d+: syntax error: `) },
  { name: 'syntax error, with file:line:col', args: () => ['explore', at('syntax.ts')], code: 2, message: () => `interleave: ${at('syntax.ts')}:4:21: syntax error: Unexpected ")"` },
  { name: 'module that throws at import', args: () => ['explore', at('throws.ts')], code: 2, message: () => new RegExp(`^interleave: ${esc(at('throws.ts'))}: threw while loading: no database in tests \\(.*throws\\.ts:1\\)$`) },
  { name: 'default export of the wrong shape', args: () => ['explore', at('wrong-shape.ts')], code: 2, message: () => `interleave: ${at('wrong-shape.ts')}: the default export has no \`name\` (a non-empty string)` },
  { name: 'default export that is a string', args: () => ['explore', at('not-object.ts')], code: 2, message: () => `interleave: ${at('not-object.ts')}: the default export is a string, expected a scenario object { name, main }` },
  { name: 'no default export', args: () => ['explore', at('no-default.ts')], code: 2, message: () => `interleave: ${at('no-default.ts')}: no default export; export default a scenario object { name, main } or an array of them` },
  { name: 'empty array export', args: () => ['explore', at('empty-array.ts')], code: 2, message: () => `interleave: ${at('empty-array.ts')}: the default export is an empty array` },
  { name: 'duplicate scenario names', args: () => ['explore', at('duplicate.ts')], code: 2, message: () => `interleave: ${at('duplicate.ts')}: two scenarios are named "twin"` },
  { name: 'main that is not a function', args: () => ['explore', at('main-not-function.ts')], code: 2, message: () => `interleave: ${at('main-not-function.ts')}: scenario "x" has no \`main\` function (got number)` },
  { name: 'replay of a file that does not load', args: () => ['replay', at('syntax.ts'), '--schedule', '1'], code: 2, message: () => `interleave: ${at('syntax.ts')}:4:21: syntax error: Unexpected ")"` },
  // Values that are not JSON-serialisable: the scenario runs, and fails (exit 1), saying why.
  { name: 'a bigint returned by main', args: () => ['explore', at('bigint.ts')], code: 1, message: 'panic  task main panicked: main returned a value that is not JSON-serialisable: a bigint has no JSON form' },
  { name: 'a function inside the returned value', args: () => ['explore', at('function-value.ts')], code: 1, message: 'main returned a value that is not JSON-serialisable: property "f" is a function, which has no JSON form' },
  { name: 'a Map returned by main', args: () => ['explore', at('map-value.ts')], code: 1, message: 'main returned a value that is not JSON-serialisable: the value is a Map, which JSON would turn into {}' },
  // Schedules
  { name: 'malformed schedule', args: () => ['replay', W, '--schedule', '1#'], code: 2, message: 'interleave: malformed schedule at character 2 ("1#"): unexpected character "#"; a schedule uses 0-9, a-z, _, : and .' },
  { name: 'malformed schedule: unclosed id', args: () => ['replay', W, '--schedule', '_12'], code: 2, message: 'interleave: malformed schedule at character 1 ("_12"): expected a task id in decimal between underscores, like _42_' },
  { name: 'empty schedule', args: () => ['replay', W, '--schedule', ''], code: 2, message: 'interleave: the schedule is empty (the schedule with no choice point is written "-")' },
  { name: 'schedule that picks a task not enabled', args: () => ['replay', W, '--schedule', '9'], code: 2, message: /^interleave: choice 1 of the schedule picks task 9, which is not enabled there \(enabled: 1 \(Pam\), 2 \(Jim\)\): / },
  { name: 'schedule too short', args: () => ['replay', W, '--schedule', '1'], code: 2, message: /^interleave: the schedule has 1 choice, but the run reached choice 2 \(enabled: 1 \(Pam\), 2 \(Jim\)\): / },
  { name: 'schedule too long', args: () => ['replay', W, '--schedule', '11221'], code: 2, message: /^interleave: the run ended after 4 choices, but the schedule has 5: / },
  // Flags
  { name: 'unknown flag', args: () => ['explore', W, '--bogus'], code: 2, message: /^interleave: Unknown argument: bogus \(see interleave --help\)$/ },
  { name: 'negative --max-executions', args: () => ['explore', W, '--max-executions', '-5'], code: 2, message: 'interleave: Expected --max-executions to be a whole number from 1 and up, got "-5"' },
  { name: 'negative --time-budget', args: () => ['explore', W, '--time-budget', '-1'], code: 2, message: 'interleave: Expected --time-budget to be a duration above 0 such as 500ms, 10s or 2m, got "-1"' },
  { name: 'negative --max-steps', args: () => ['explore', W, '--max-steps', '-1'], code: 2, message: 'interleave: Expected --max-steps to be a whole number from 1 and up, got "-1"' },
  { name: '--jitter 2', args: () => ['explore', W, '--jitter', '2'], code: 2, message: /^interleave: Expected --jitter to be a number from 0 up to but not including 1, such as 0\.5, got "2"$/ },
  { name: '--step-timeout 0', args: () => ['explore', W, '--step-timeout', '0'], code: 2, message: 'interleave: Expected --step-timeout to be a duration above 0 such as 500ms, 10s or 2m, got "0"' },
  { name: '--max-heap 1', args: () => ['explore', W, '--max-heap', '1'], code: 2, message: 'interleave: Expected --max-heap to be a number of MB from 16 and up, got "1"' },
  { name: '--load-timeout 0', args: () => ['explore', W, '--load-timeout', '0'], code: 2, message: 'interleave: Expected --load-timeout to be a duration above 0 such as 500ms, 10s or 2m, got "0"' },
  { name: 'replay --load-timeout soon', args: () => ['replay', W, '--schedule', '1122', '--load-timeout', 'soon'], code: 2, message: 'interleave: Expected --load-timeout to be a duration above 0 such as 500ms, 10s or 2m, got "soon"' },
  { name: 'list --load-timeout -1s', args: () => ['list', 'scenarios', '--load-timeout=-1s'], code: 2, message: 'interleave: Expected --load-timeout to be a duration above 0 such as 500ms, 10s or 2m, got "-1s"' },
  { name: 'list --max-heap 8', args: () => ['list', 'scenarios', '--max-heap', '8'], code: 2, message: 'interleave: Expected --max-heap to be a number of MB from 16 and up, got "8"' },
  { name: '--check-determinism -1', args: () => ['explore', W, '--check-determinism=-1'], code: 2, message: 'interleave: Expected --check-determinism to be a whole number from 0 and up, got "-1"' },
  { name: '--max-outcomes 0', args: () => ['explore', W, '--max-outcomes', '0'], code: 2, message: 'interleave: Expected --max-outcomes to be a whole number from 1 and up, got "0"' },
  // Reports
  { name: 'report file that does not exist', args: () => ['report', at('no-report.json')], code: 2, message: () => `interleave: ${at('no-report.json')}: no such file` },
  { name: 'report file that is JSON but not a report', args: () => ['report', at('not-a-report.json')], code: 2, message: () => `interleave: ${at('not-a-report.json')}: no scenario and outcomes, so not an interleave report` },
  { name: 'report file that is empty', args: () => ['report', at('empty-report.json')], code: 2, message: () => `interleave: ${at('empty-report.json')}: empty, so not an interleave report` },
  { name: 'report file with a line that is not JSON', args: () => ['report', at('garbage-report.json')], code: 2, message: () => `interleave: ${at('garbage-report.json')}:2: not JSON, so not an interleave report` },
  { name: 'report file that is a scenario', args: () => ['report', W], code: 2, message: 'interleave: scenarios/workers.ts:1: not JSON, so not an interleave report' },
];

beforeAll(async () => {
  dir = await tempDir('hostile');
  await Promise.all(Object.entries(FILES).map(([n, t]) => dir.write(n, t)));
});

afterAll(async () => {
  await dir?.remove();
});

describe.concurrent('hostile and broken input: one line, the right exit code, no stack', { timeout: 180_000 }, () => {
  for (const row of TABLE) {
    it(row.name, async () => {
      const message = typeof row.message === 'function' ? row.message() : row.message;
      const args = row.args();
      // explore writes report files by default: not from a test.
      const r = await cli(args[0] === 'explore' ? [...args, '--no-out'] : args);
      if (row.code === 2) {
        expectUsageError(r, message);
        if (typeof message === 'string') expect(r.stderr).toBe(`${message}\n`);
      } else {
        expect(r.code, show(r)).toBe(1);
        expect(r.stderr, show(r)).toBe('');
        expect(r.stdout, show(r)).not.toMatch(/^\s+at /m);
        if (typeof message === 'string') expect(r.stdout, show(r)).toContain(message);
        else expect(r.stdout, show(r)).toMatch(message);
      }
    });
  }

  it('the same error with --verbose adds the stack (and the user code frame of what threw)', async () => {
    const r = await cli(['explore', at('throws.ts'), '--verbose', '--no-out']);
    expect(r.code, show(r)).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^interleave: .*throws\.ts: threw while loading: no database in tests/);
    expect(r.stderr).toMatch(/^\s+at /m);
    expect(r.stderr).toMatch(/^caused by: Error: no database in tests$/m);
  });

  // A handful of the fuzz test's mutations (test/unit/explore/replay-fuzz.spec.ts) through the binary.
  const edit = fc.tuple(fc.nat(6), fc.constantFrom(...'0129az_:.- #'));
  const schedules = fc.sample(
    fc
      .tuple(fc.constantFrom('1122', '2211', '1.2.2', '12'), fc.array(edit, { minLength: 1, maxLength: 3 }))
      .map(([base, edits]) => edits.reduce<string>((s, [at, c]) => s.slice(0, at) + c + s.slice(at + 1), base)),
    { numRuns: 6, seed: 42 },
  );
  for (const schedule of schedules) {
    it(`replay --schedule=${JSON.stringify(schedule)}: a faithful replay or a one-line error`, async () => {
      let choices: number[] | undefined;
      try {
        choices = decodeSchedule(schedule);
      } catch {
        choices = undefined;
      }
      const r = await cli(['replay', W, `--schedule=${schedule}`, '--format', 'json']);
      if (r.code === 2) {
        expectUsageError(r, /^interleave: (malformed schedule|the schedule|choice \d+ of the schedule|the run ended after)/);
      } else {
        expect([0, 1], show(r)).toContain(r.code);
        const [run] = jsonLines<ReplayJson>(r);
        expect(run!.choices, show(r)).toEqual(choices);
      }
    });
  }

  it('a non-serialisable value is reported in the JSON report as data, not a crash', async () => {
    const x = report(await cli(['explore', at('bigint.ts'), '--format', 'json', '--no-out']));
    expect(x.outcomes.map((o) => [o.output, o.result, o.value])).toEqual([[['x'], 'panic', null]]);
    expect(x.findings.map((f) => f.kind)).toEqual(['panic']);
  });
});
