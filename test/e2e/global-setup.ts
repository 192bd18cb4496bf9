/**
 * Builds dist/ before the suite, so the end-to-end tests in test/e2e run the
 * binary of the current sources (bin/interleave.js runs dist/).
 *
 * It skips the build when no e2e test is selected (`npx vitest run test/unit`)
 * and when dist/ is already newer than every source file. INTERLEAVE_E2E_BUILD
 * overrides that: `always` or `never`.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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

export default async function setup(project?: Project): Promise<void> {
  const mode = process.env.INTERLEAVE_E2E_BUILD ?? 'auto';
  if (mode === 'never') return;
  if (mode !== 'always' && (noE2eSelected(project?.vitest?.filenamePattern) || distIsFresh())) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    await promisify(execFile)(npm, ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message?: string };
    throw new Error(
      `npm run build failed, so the e2e tests cannot run the binary:\n${err.stdout ?? ''}${err.stderr ?? err.message ?? ''}`,
    );
  }
}
