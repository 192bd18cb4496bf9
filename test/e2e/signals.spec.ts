/**
 * SIGINT and SIGTERM during a long exploration: the CLI stops the isolated
 * run, and what it found so far reaches every output configured — the JSON
 * line on stdout and the report files of --out — marked `complete: false`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir, type Exploration } from './helpers.js';

type Dir = Awaited<ReturnType<typeof tempDir>>;
let dir: Dir;

/**
 * Millions of schedules; after its 300th execution it writes `ready`, so the
 * test knows the search is under way without guessing a delay. (The counter
 * is module state, but it changes nothing the scenario prints.)
 */
const LONG = (ready: string): string => `
import { writeFileSync } from 'node:fs';
let runs = 0;
export default {
  name: 'long',
  async main({ go, print }: any) {
    if (++runs === 300) writeFileSync(${JSON.stringify(ready)}, 'ready');
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) {
      go(async () => { await print(n + 1); await print(n + 2); }, n);
    }
    await print('main');
  },
};
`;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts explore, waits until the scenario says it is under way, sends `signal`, and collects the end. */
async function interrupt(sig: NodeJS.Signals, args: string[], ready: string): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<Ended>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  let exited = false;
  void ended.then(() => (exited = true));
  while (!existsSync(ready) && !exited) await sleep(50);
  child.kill(sig);
  return ended;
}

beforeAll(async () => {
  dir = await tempDir('signals');
});

afterAll(async () => {
  await dir?.remove();
});

describe.concurrent('signals', { timeout: 180_000 }, () => {
  it('SIGINT during a long run: a valid partial JSON report on stdout and in --out, complete: false', async () => {
    const ready = `${dir.dir}/int.ready`;
    const file = await dir.write('long-int.ts', LONG(ready));
    const out = `${dir.dir}/reports-int`;
    const r = await interrupt('SIGINT', ['explore', file, '--format', 'json', '--out', out, '--max-executions', '10000000'], ready);
    expect(r.signal, r.stderr).toBeNull();
    // The partial report has findings (the prints come in many orders): exit 1.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('interleave: interrupted; stopping after the current execution');
    const lines = r.stdout.trim().split('\n');
    expect(lines, r.stdout).toHaveLength(1);
    const x = JSON.parse(lines[0]!) as Exploration;
    expect(x.scenario.name).toBe('long');
    expect(x.complete).toBe(false);
    expect(x.stopReason).toBe('interrupted');
    expect(x.executions).toBeGreaterThanOrEqual(300);
    expect(x.outcomes.length).toBeGreaterThan(1);
    expect(x.outcomes.reduce((n, o) => n + o.count, 0)).toBe(x.executions);
    // As in Go, the execution ends when main returns: each output ends with main's line.
    for (const o of x.outcomes) expect(o.output.at(-1)).toBe('main');
    // The same report reached the --out directory.
    const written = (await readdir(out)).filter((f) => f.endsWith('.json'));
    expect(written).toHaveLength(1);
    const saved = JSON.parse(await readFile(`${out}/${written[0]}`, 'utf8')) as Exploration;
    expect({ complete: saved.complete, stopReason: saved.stopReason, executions: saved.executions }).toEqual({
      complete: false,
      stopReason: 'interrupted',
      executions: x.executions,
    });
  });

  it('SIGTERM: the same, in the text report', async () => {
    const ready = `${dir.dir}/term.ready`;
    const file = await dir.write('long-term.ts', LONG(ready));
    const r = await interrupt('SIGTERM', ['explore', file, '--no-out', '--max-executions', '10000000'], ready);
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout, r.stderr).toMatch(/^dpor · [\d,]+ executions · INCOMPLETE \(interrupted\) · \d+ outcomes/m);
  });
});
