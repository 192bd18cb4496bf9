/**
 * The binary with exactly the arguments given (the helpers' `cli` adds
 * --no-out to explore and gives up after 25 s): for the report tests, which
 * need the default --out and may run long on a busy machine.
 */
import { execFile } from 'node:child_process';
import { BIN, ROOT, type Run } from './helpers.js';

/** The environment of a user's shell: no colour forcing, none of vitest's variables. */
export function userEnv(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'VITEST', 'VITEST_WORKER_ID', 'VITEST_POOL_ID', 'NODE_OPTIONS']) delete e[k];
  return e;
}

export function raw(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: userEnv(), timeout: 170_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const c = (error as { code?: unknown } | null)?.code;
      resolve({ code: error === null ? 0 : typeof c === 'number' ? c : -1, stdout, stderr, args });
    });
  });
}
