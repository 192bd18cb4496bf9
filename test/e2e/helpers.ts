/**
 * Runs the real `interleave` binary as a user would: `node bin/interleave.js …`
 * from the repository root, with no colour forcing, capturing stdout, stderr
 * and the exit code.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Exploration, Outcome, ReplayResult } from '../../src/index.js';

export type { Exploration, Outcome };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'interleave.js');

export interface Run {
  /** Exit code; -1 when the process was killed by a signal. */
  code: number;
  stdout: string;
  stderr: string;
  /** The arguments, for failure messages. */
  args: readonly string[];
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  // Vitest's own variables are not the user's.
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  delete env.NODE_OPTIONS;
  return env;
}

// Each run is a CPU-bound Node process (about a second of CPU): running more at
// once than there are cores only costs memory, so the rest wait their turn.
const slots = Math.max(2, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running < slots) running++;
  else await new Promise<void>((r) => waiting.push(r)); // a finishing run hands its slot over
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next !== undefined) next();
    else running--;
  }
}

/**
 * `explore` writes its reports to reports/ under the working directory unless
 * told otherwise, and says so on stderr. These tests run in the repository,
 * so an explore run that names no --out gets --no-out: nothing lands in the
 * checkout, and stderr holds only what the test is about. The default itself
 * is tested in reports.spec.ts, in a directory of its own.
 */
function withoutReports(args: readonly string[]): readonly string[] {
  if (args[0] !== 'explore' || args.some((a) => a === '--out' || a === '--no-out' || a.startsWith('--out='))) return args;
  return [...args, '--no-out'];
}

/** Runs `interleave ...args` and resolves with its exit code and output, whatever the code. */
export function cli(args: readonly string[], options: { cwd?: string } = {}): Promise<Run> {
  return slot(() => spawnCli(withoutReports(args), options));
}

function spawnCli(args: readonly string[], options: { cwd?: string }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env: childEnv(), timeout: 25_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let code = 0;
        if (error !== null) {
          const c = (error as { code?: unknown }).code;
          code = typeof c === 'number' ? c : -1;
        }
        resolve({ code, stdout, stderr, args });
      },
    );
  });
}

const memo = new Map<string, Promise<Run>>();

/** `cli`, run once per argument list in this test file and shared by the tests that need it. */
export function cliOnce(args: readonly string[]): Promise<Run> {
  const key = JSON.stringify(args);
  let p = memo.get(key);
  if (p === undefined) {
    p = cli(args);
    memo.set(key, p);
  }
  return p;
}

/** Describes a run for assertion messages. */
export function show(r: Run): string {
  return `interleave ${r.args.join(' ')}\n--- exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

/** The JSON lines of stdout, one object per line; fails when a line is not JSON. */
export function jsonLines<T = unknown>(r: Run): T[] {
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => {
    try {
      return JSON.parse(l) as T;
    } catch {
      throw new Error(`stdout line is not JSON: ${l}\n${show(r)}`);
    }
  });
}

/** The one exploration report of a `--format json` run of one scenario. */
export function report(r: Run): Exploration {
  const all = jsonLines<Exploration>(r);
  expect(all, show(r)).toHaveLength(1);
  return all[0]!;
}

export type ReplayJson = ReplayResult & { scenario: { name: string; file: string } };

/** Sorted kinds of the findings. */
export function kinds(r: Exploration): string[] {
  return r.findings.map((f) => f.kind).sort();
}

/** Splits a command line the way a POSIX shell would for the words interleave writes (plain or '…'-quoted). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unbalanced quote in ${line}`);
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** The arguments of a report's `replay` command line, without its leading `npx interleave`. */
export function replayArgs(command: string): string[] {
  const words = shellWords(command);
  expect(words.slice(0, 3), command).toEqual(['npx', 'interleave', 'replay']);
  return words.slice(2);
}

/** Asserts the shape every usage or load error has: one line `interleave: …` on stderr, no stack, exit 2. */
export function expectUsageError(r: Run, message: string | RegExp): void {
  expect(r.code, show(r)).toBe(2);
  expect(r.stdout, show(r)).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines.at(-1), 'stderr ends with a newline').toBe('');
  expect(lines.slice(0, -1), show(r)).toHaveLength(1);
  const line = lines[0]!;
  expect(line.startsWith('interleave: '), show(r)).toBe(true);
  expect(r.stderr, show(r)).not.toMatch(/^\s+at /m);
  expect(r.stderr, show(r)).not.toMatch(/internal error/);
  if (typeof message === 'string') expect(line).toContain(message);
  else expect(line).toMatch(message);
}

/** A fresh directory under the OS temp dir, and a way to write files into it. */
export async function tempDir(prefix: string): Promise<{ dir: string; write: (rel: string, text: string) => Promise<string>; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `interleave-e2e-${prefix}-`));
  return {
    dir,
    async write(rel, text) {
      const file = join(dir, rel);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The nearest package.json at or above `dir`, if any. */
export function packageJsonAbove(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const p = join(d, 'package.json');
    if (existsSync(p)) return p;
    if (dirname(d) === d) return undefined;
  }
}

/** The text report without the one number that changes from run to run: the real time taken. */
export function withoutTiming(text: string): string {
  return text.replace(/ · \d+(?:\.\d+)? ms$/gm, ' · <elapsed> ms');
}

/** The 4 outputs of the seed example, in every order a Go programmer sees, sorted. */
export function workerOrders(last: string): string[][] {
  const doing = [
    ['Pam: doing my work...', 'Jim: doing my work...'],
    ['Jim: doing my work...', 'Pam: doing my work...'],
  ];
  const done = [
    ['Pam: done', 'Jim: done'],
    ['Jim: done', 'Pam: done'],
  ];
  return doing.flatMap((a) => done.map((b) => [...a, ...b, last])).sort();
}

/** Outputs of a report's outcomes, sorted (order of discovery is not part of the contract). */
export function outputs(r: Exploration): string[][] {
  return r.outcomes.map((o) => o.output).sort();
}
