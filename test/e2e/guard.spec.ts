/**
 * A task stuck in synchronous code inside a vitest test that explores in its
 * own thread (no `isolate`): the guard thread (src/isolate/guard.ts) says
 * what is stuck on stderr and ends the test process, so the vitest run fails
 * with that reason instead of never ending.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** Runs vitest on the guard fixture; resolves with its exit code and output, or null if it had to be killed. */
function vitestOnFixture(): Promise<{ code: number | null; output: string } | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/e2e/fixtures/vitest.guard.config.ts'],
      { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // Far beyond the fixture's 1 s limit: only a guard that failed lets it run this long.
    const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code, signal) => {
      clearTimeout(kill);
      resolve(signal === 'SIGKILL' && code === null ? null : { code, output });
    });
  });
}

describe('a loop in synchronous code, explored in the test thread', { timeout: 120_000 }, () => {
  it('ends the test process with the task, its step and schedule on stderr; the vitest run fails instead of hanging', async () => {
    const r = await vitestOnFixture();
    expect(r, 'the vitest run never ended').not.toBeNull();
    expect(r!.code).toBe(1);
    expect(r!.output).toContain(
      'interleave: scenario "spinner": task looper ran for more than 1000 ms without reaching a scheduling operation ' +
        '(after step 1, schedule -): a loop in synchronous code? It blocks this thread for good, so interleave ends the process. ' +
        "Explore with `isolate: true` and the scenario's `file` to get a `hang` finding instead.",
    );
    // vitest saw its test process die: the run is a failure, not a pass.
    expect(r!.output).toContain('Worker exited unexpectedly');
    // The other file, with no limit, ran its slow step to the end and passed.
    expect(r!.output).toMatch(/✓ .*guard-off\.fixture\.ts/);
  });
});
