/**
 * Builds dist/ before the suite, so the end-to-end tests in test/e2e run the
 * binary of the current sources (bin/interleave.js runs dist/).
 *
 * It skips the build when no e2e test is selected (`npx vitest run test/unit`)
 * and when dist/ is already newer than every source file. INTERLEAVE_E2E_BUILD
 * overrides that: `always` or `never`. Concurrent test runs (several people
 * or agents on one checkout) take turns through a lock directory, so one run
 * does not read dist/ while another rewrites it.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string, ext: RegExp): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile() && ext.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** True when the test run's file filters (`vitest run <filter>…`) select no e2e spec. */
function noE2eSelected(filters: readonly string[] | undefined): boolean {
  if (filters === undefined || filters.length === 0) return false;
  const specs = files(join(ROOT, 'test', 'e2e'), /\.spec\.ts$/);
  const names = specs.flatMap((f) => [f, relative(ROOT, f), relative(process.cwd(), f)]);
  return !filters.some((raw) => {
    const filter = raw.replace(/:\d+$/, '');
    return names.some((n) => n.includes(filter) || n.includes(relative(ROOT, filter)));
  });
}

/** True when every file dist/ is built from is older than the oldest file in dist/. */
function distIsFresh(): boolean {
  const built = files(join(ROOT, 'dist'), /\.js$/);
  if (built.length === 0) return false;
  const oldestBuilt = Math.min(...built.map((f) => statSync(f).mtimeMs));
  const inputs = [
    ...files(join(ROOT, 'src'), /\.ts$/),
    join(ROOT, 'tsconfig.build.json'),
    join(ROOT, 'tsconfig.json'),
    join(ROOT, 'package.json'),
  ];
  return inputs.every((f) => statSync(f).mtimeMs < oldestBuilt);
}

interface Project {
  vitest?: { filenamePattern?: string[] };
}

const LOCK = join(ROOT, 'node_modules', '.cache', 'interleave-e2e-build.lock');

/** Runs `fn` holding a lock directory; a lock older than 3 minutes is from a dead run and is taken over. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(join(LOCK, '..'), { recursive: true });
  for (const deadline = Date.now() + 5 * 60_000; ; ) {
    try {
      await mkdir(LOCK);
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const age = Date.now() - ((await stat(LOCK).catch(() => null))?.mtimeMs ?? Date.now());
      if (age > 3 * 60_000) await rm(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`waited 5 minutes for ${LOCK}; remove it if no build is running`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

export default async function setup(project?: Project): Promise<void> {
  const mode = process.env.INTERLEAVE_E2E_BUILD ?? 'auto';
  if (mode === 'never') return;
  if (mode !== 'always' && noE2eSelected(project?.vitest?.filenamePattern)) return;
  await withLock(async () => {
    // Checked under the lock: a concurrent run may just have built it.
    if (mode !== 'always' && distIsFresh()) return;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    try {
      await promisify(execFile)(npm, ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message?: string };
      throw new Error(
        `npm run build failed, so the e2e tests cannot run the binary:\n${err.stdout ?? ''}${err.stderr ?? err.message ?? ''}`,
      );
    }
  });
}
