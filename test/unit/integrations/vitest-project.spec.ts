/**
 * interleave/vitest in a user's project, run by vitest in a child process as
 * CI would run it: toMatchOutcomeSnapshot writes the outcome set on the
 * first run, passes while it holds, and fails in CI (no snapshot updates)
 * once a code change adds an outcome, showing the new outcome in the diff;
 * a failing exploreTest reports the finding with its replay command.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
let dir = '';

interface Run {
  code: number;
  out: string;
}

/** Runs vitest on the project; CI=true means, as on a CI machine, that no snapshot is written or updated. */
function vitest(ci: boolean, ...files: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env))
    if (k.startsWith('VITEST') || k === 'NODE_OPTIONS' || k === 'FORCE_COLOR') delete env[k];
  if (ci) env.CI = 'true';
  else delete env.CI;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VITEST, 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'), ...files],
      { cwd: dir, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const c = (error as { code?: unknown } | null)?.code;
        resolve({ code: error === null ? 0 : typeof c === 'number' ? c : -1, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

const scenarioFile = (fixed: boolean): string =>
  `import { limiterScenario } from ${JSON.stringify(join(ROOT, 'scenarios', 'rate-limiter.ts'))};\n` +
  `export default limiterScenario({ requests: 3, limit: 2, fixed: ${fixed} });\n`;

beforeAll(async () => {
  // Inside node_modules/.cache, so that `vitest` and the sources' dependencies resolve from this checkout.
  const base = join(ROOT, 'node_modules', '.cache');
  await mkdir(base, { recursive: true });
  dir = await mkdtemp(join(base, 'interleave-vitest-project-'));
  const alias = (find: string, file: string): string =>
    `{ find: /^${find.replace('/', '\\/')}$/, replacement: ${JSON.stringify(join(ROOT, 'src', file))} }`;
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    `import { defineConfig } from 'vitest/config';\n` +
      `export default defineConfig({\n` +
      `  resolve: { alias: [${alias('interleave', 'index.ts')}, ${alias('interleave/vitest', 'vitest.ts')}] },\n` +
      `  test: { include: ['*.spec.ts'], testTimeout: 30000 },\n` +
      `});\n`,
  );
  await writeFile(join(dir, 'limiter.ts'), scenarioFile(true));
  await writeFile(
    join(dir, 'snapshot.spec.ts'),
    `import { expect, it } from 'vitest';\nimport 'interleave/vitest';\nimport limiter from './limiter.ts';\n\n` +
      `it('the limiter admits', async () => {\n  await expect(limiter).toMatchOutcomeSnapshot();\n});\n`,
  );
  await writeFile(
    join(dir, 'explore.spec.ts'),
    `import { exploreTest } from 'interleave/vitest';\nimport limiter from './limiter.ts';\n\n` +
      `exploreTest('the limiter never admits too many', limiter, { file: 'limiter.ts' });\n`,
  );
});

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('a user project', () => {
  it('toMatchOutcomeSnapshot: written once, kept while it holds, failing in CI when an outcome appears', async () => {
    const first = await vitest(false, 'snapshot.spec.ts');
    expect(first.code, first.out).toBe(0);
    const snap = join(dir, '__snapshots__', 'snapshot.spec.ts.snap');
    expect(existsSync(snap), first.out).toBe(true);
    const stored = await readFile(snap, 'utf8');
    expect(stored).toContain(
      'exports[`the limiter admits 1`] = `\n[\n  {\n    "output": [],\n    "result": "ok",\n    "value": 2,\n  },\n]\n`;',
    );

    const again = await vitest(true, 'snapshot.spec.ts');
    expect(again.code, again.out).toBe(0);

    // The code changes: the limiter loses its atomic increment, and a third request can get through.
    await writeFile(join(dir, 'limiter.ts'), scenarioFile(false));
    const ci = await vitest(true, 'snapshot.spec.ts');
    expect(ci.code, ci.out).toBe(1);
    expect(ci.out).toContain('Snapshot `the limiter admits 1` mismatched');
    expect(ci.out).toMatch(/\+\s+"result": "violation",\n\+\s+"value": 3,/);
    expect(ci.out).toContain('outcomes now (2), with replay commands:');
    // CI never rewrites the stored snapshot.
    expect(await readFile(snap, 'utf8')).toBe(stored);
  }, 120_000);

  it('a failing exploreTest names the finding, the outcome and its replay command', async () => {
    await writeFile(join(dir, 'limiter.ts'), scenarioFile(false));
    const run = await vitest(true, 'explore.spec.ts');
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain('exploring "rate-limiter" found 1 finding:');
    expect(run.out).toContain('violation: assertion failed in task main: admitted 3 requests, limit 2');
    expect(run.out).toMatch(/replay: npx interleave replay limiter\.ts --scenario rate-limiter --schedule \w+/);
  }, 120_000);
});
