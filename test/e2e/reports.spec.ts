/**
 * What `explore` leaves on disk: by default reports/<scenario>.json, .md and
 * .html under the working directory, said in one line on stderr; `report`
 * renders the JSON again to the same bytes; Ctrl-C still writes what was
 * found, marked complete: false.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellWord } from '../../src/report/report.js';
import { BIN, ROOT, expectUsageError, show, tempDir, type Exploration } from './helpers.js';
import { raw, userEnv as env } from './raw.js';

const workers = join(ROOT, 'scenarios', 'workers.ts');
let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  tmp = await tempDir('reports');
});
afterAll(async () => {
  await tmp.remove();
});

describe.concurrent('explore --out', { timeout: 300_000 }, () => {
  it('by default prints the text report and writes reports/workers.json, .md, .html, said in one line on stderr', async () => {
    const cwd = join(tmp.dir, 'default');
    await tmp.write('default/.keep', '');
    const r = await raw(['explore', workers], cwd);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout.split('\n')[0], show(r)).toBe(`workers  ${workers}`);
    expect(r.stderr, show(r)).toBe('interleave: report written to reports/workers.html (and .md, .json)\n');
    expect((await readdir(join(cwd, 'reports'))).sort()).toEqual(['workers.html', 'workers.json', 'workers.md']);
    const rep = JSON.parse(await readFile(join(cwd, 'reports', 'workers.json'), 'utf8')) as Exploration;
    expect(rep.scenario).toEqual({ name: 'workers', file: workers });
    expect(rep.outcomes).toHaveLength(4);
    // The timelines the HTML draws come from the JSON: every shown outcome has its trace.
    expect(rep.outcomes.every((o) => o.trace !== undefined && o.trace.length === o.steps)).toBe(true);
  });

  it('--no-out, --out "" write nothing and say nothing; --quiet writes but says nothing', async () => {
    for (const [name, flags] of [['no-out', ['--no-out']], ['empty', ['--out', '']]] as const) {
      const cwd = join(tmp.dir, name);
      await tmp.write(`${name}/.keep`, '');
      const r = await raw(['explore', workers, ...flags], cwd);
      expect(r.code, show(r)).toBe(1);
      expect(r.stderr, show(r)).toBe('');
      expect(existsSync(join(cwd, 'reports')), show(r)).toBe(false);
    }
    const r = await raw(['explore', workers, '--quiet', '--out', 'q'], tmp.dir);
    expect(r.stderr, show(r)).toBe('');
    expect((await readdir(join(tmp.dir, 'q'))).sort()).toEqual(['workers.html', 'workers.json', 'workers.md']);
  });

  it('report renders the saved JSON to the same bytes explore wrote: html, md, json, and the text it printed', async () => {
    const out = join(tmp.dir, 'round-trip');
    const e = await raw(['explore', 'scenarios/workers.ts', 'scenarios/deadlock.ts', '--out', out]);
    expect(e.code, show(e)).toBe(1);
    expect(e.stderr, show(e)).toBe(`interleave: 2 reports written to ${out} (<scenario>.html, .md and .json each)\n`);
    const texts = e.stdout.split('\n\n2 scenarios:')[0]!.split(/\n\n(?=deadlock {2})/);
    await Promise.all(
      ['workers', 'deadlock'].map(async (name, i) => {
        const json = join(out, `${name}.json`);
        const [html, md, js, text] = await Promise.all(['html', 'md', 'json', 'text'].map((format) => raw(['report', json, '--format', format])));
        for (const [format, r] of [['html', html!], ['md', md!], ['json', js!]] as const) {
          expect(r.code, show(r)).toBe(1);
          expect(r.stdout === (await readFile(join(out, `${name}.${format}`), 'utf8')), `${name}.${format}`).toBe(true);
        }
        expect(text!.stdout).toBe(`${texts[i]}\n`);
      }),
    );
    const html = await readFile(join(out, 'workers.html'), 'utf8');
    expect(html).toContain('<title>interleave: workers</title>');
  });

  it('--format md and --format html print on stdout what --out writes', async () => {
    for (const format of ['md', 'html']) {
      const out = join(tmp.dir, `stdout-${format}`);
      const r = await raw(['explore', 'scenarios/workers.ts', '--format', format, '--out', out]);
      expect(r.code, show(r)).toBe(1);
      expect(r.stdout === (await readFile(join(out, `workers.${format}`), 'utf8')), format).toBe(true);
    }
    expectUsageError(
      await raw(['explore', 'scenarios/workers.ts', 'scenarios/deadlock.ts', '--format', 'html', '--no-out']),
      '--format html prints one page, and 2 scenarios were selected; pick one with --scenario, or read the pages --out writes',
    );
  });

  it('report --format html of a file with several reports asks for --scenario, and picks one with it', async () => {
    const j = await raw(['explore', 'scenarios/workers.ts', 'scenarios/deadlock.ts', '--format', 'json', '--no-out']);
    const file = await tmp.write('both.json', j.stdout);
    expectUsageError(await raw(['report', file, '--format', 'html']), /holds 2 reports \(workers, deadlock\) and --format html prints one page; pick one with --scenario$/);
    const one = await raw(['report', file, '--format', 'html', '--scenario', 'deadlock']);
    expect(one.code, show(one)).toBe(1);
    expect(one.stdout).toContain('<title>interleave: deadlock</title>');
    expectUsageError(await raw(['report', file, '--scenario', 'nope']), 'holds no report of a scenario named "nope" (found: workers, deadlock)');
  });

  it('an --out that cannot be a directory is a usage error before anything runs', async () => {
    const file = await tmp.write('a-file', '');
    expectUsageError(await raw(['explore', 'scenarios/workers.ts', '--out', join(file, 'sub')]), /--out .*a-file\/sub: cannot create the directory \(ENOTDIR\)$/);
  });

  it('merge: the report of random shards joined carries the Good–Turing estimate of the whole sample', async () => {
    const run = (extra: string[]) => raw(['explore', 'scenarios/workers.ts', '--strategy', 'random', '--max-executions', '10', '--format', 'json', '--no-out', ...extra]);
    const [whole, s1, s2] = await Promise.all([run([]), run(['--shard', '1/2']), run(['--shard', '2/2'])]);
    const f1 = await tmp.write('merge/1.json', s1.stdout);
    const f2 = await tmp.write('merge/2.json', s2.stdout);
    const m = await raw(['merge', f1, f2, '--format', 'json']);
    const merged = JSON.parse(m.stdout) as Exploration;
    expect(merged.executions, show(m)).toBe(10);
    expect(merged.unseenEstimate).toBe(0.2);
    expect(merged.unseenEstimate).toBe((JSON.parse(whole.stdout) as Exploration).unseenEstimate);
  });

  it('--until-confident: a bad p is a usage error; a good one stops when confident', async () => {
    expectUsageError(await raw(['explore', 'scenarios/workers.ts', '--strategy', 'random', '--until-confident', '2', '--no-out']), 'Expected --until-confident to be a probability between 0 and 1 such as 0.01, got "2"');
    const r = await raw(['explore', 'scenarios/workers.ts', '--strategy', 'random', '--until-confident', '0.05', '--format', 'json', '--no-out']);
    const rep = JSON.parse(r.stdout) as Exploration;
    expect(rep.stopReason).toBe('confident');
    expect(rep.unseenEstimate!).toBeLessThan(0.05);
  });
});

describe('Ctrl-C during a long exhaustive run', { timeout: 300_000 }, () => {
  it('exits promptly with the partial report on disk, complete: false', async () => {
    const dir = join(tmp.dir, 'sigint');
    const marker = join(dir, 'started');
    // 4 tasks of 6 prints: 24!/(6!)^4 ≈ 2.3·10^12 interleavings. The first execution leaves a file to say it runs.
    const scenario = await tmp.write(
      'sigint/long.ts',
      `import { writeFileSync } from 'node:fs';
let started = false;
export default {
  name: 'long',
  async main({ go, print, waitGroup }) {
    if (!started) { started = true; writeFileSync(${JSON.stringify(marker)}, 'started'); }
    const wg = waitGroup();
    wg.add(4);
    for (const t of ['a', 'b', 'c', 'd']) go(async () => { for (let i = 0; i < 6; i++) await print(t + i); wg.done(); }, t);
    await wg.wait();
  },
};
`,
    );
    const child = spawn(process.execPath, [BIN, 'explore', scenario, '--strategy', 'exhaustive', '--out', join(dir, 'out'), '--max-executions', '1000000000', '--format', 'json'], {
      cwd: dir,
      env: env(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for the run to start (the scenario's marker), not for a fixed time.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (existsSync(marker)) {
          clearInterval(poll);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`exited before starting: ${stderr}`));
        }
      }, 20);
    });
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(1); // the ordering finding
    expect(stderr).toContain('interleave: interrupted; stopping after the current execution');
    expect(stderr).toContain(`interleave: report written to ${join(dir, 'out', 'long')}.html (and .md, .json)`);
    const onDisk = JSON.parse(await readFile(join(dir, 'out', 'long.json'), 'utf8')) as Exploration;
    expect(onDisk.complete).toBe(false);
    expect(onDisk.stopReason).toBe('interrupted');
    expect(onDisk.executions).toBeGreaterThan(0);
    expect(onDisk.outcomes.reduce((s, o) => s + o.count, 0)).toBe(onDisk.executions);
    expect(JSON.parse(stdout)).toEqual(onDisk);
    expect(await readFile(join(dir, 'out', 'long.html'), 'utf8')).toContain('<span class="badge warn" id="status">INCOMPLETE (interrupted)</span>');
    expect(await readFile(join(dir, 'out', 'long.md'), 'utf8')).toContain('**INCOMPLETE (interrupted)**');
  });
});

/** 4 tasks of 6 prints: 24!/(6!)^4 ≈ 2.3·10^12 interleavings, far more than any test waits for. */
const LONG = `export default {
  name: 'long',
  async main({ go, print, waitGroup }) {
    const wg = waitGroup();
    wg.add(4);
    for (const t of ['a', 'b', 'c', 'd']) go(async () => { for (let i = 0; i < 6; i++) await print(t + i); wg.done(); }, t);
    await wg.wait();
  },
};
`;

/** Runs the binary on a terminal (util-linux `script` gives it a pseudo-terminal); `input` types into it. */
function onTerminal(args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}) {
  // `exec`, so that the shell script starts ($SHELL, or dash when it is unset) is
  // replaced by node: a dash left waiting would die of the typed Ctrl-C itself,
  // and script would report that (130) instead of interleave's own exit code.
  const command = `exec ${[process.execPath, BIN, ...args].map(shellWord).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...env(), ...extraEnv } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    type: (text: string) => child.stdin.write(text),
    exited,
    /** Resolves once the terminal shows text matching `re`. */
    until: (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (re.test(output)) {
            clearInterval(poll);
            resolve();
          } else if (child.exitCode !== null) {
            clearInterval(poll);
            reject(new Error(`exited before showing ${re}:\n${output}`));
          }
        }, 20);
      }),
  };
}

describe.concurrent('on a terminal', { timeout: 300_000 }, () => {
  it('a long exhaustive run shows its progress on stderr, and Ctrl-C (typed) stops it with its report written', async () => {
    const dir = join(tmp.dir, 'tty');
    const file = await tmp.write('tty/long.ts', LONG);
    const t = onTerminal(['explore', file, '--strategy', 'exhaustive', '--max-executions', '1000000000', '--out', 'out'], dir);
    await t.until(/long: [\d,]+ executions · [\d,]+\/s · [\d,]+ outcomes · (<0\.0001|[\d.e-]+)% searched · \d+\.\d s/);
    t.type('\x03');
    expect(await t.exited, t.output()).toBe(1);
    const out = t.output();
    expect(out).toContain('interleave: interrupted; stopping after the current execution');
    expect(out).toContain('INCOMPLETE (interrupted)');
    expect(out).toContain('interleave: report written to out/long.html (and .md, .json)');
    // On a terminal the text report has colours.
    expect(out).toMatch(/\x1b\[1mlong\x1b\[22m/);
    const rep = JSON.parse(await readFile(join(dir, 'out', 'long.json'), 'utf8')) as Exploration;
    expect([rep.complete, rep.stopReason]).toEqual([false, 'interrupted']);
  });

  it('--quiet shows no progress; NO_COLOR turns the colours off', async () => {
    const dir = join(tmp.dir, 'tty-quiet');
    const file = await tmp.write('tty-quiet/long.ts', LONG);
    const t = onTerminal(['explore', file, '--strategy', 'exhaustive', '--time-budget', '1s', '--no-out', '--quiet'], dir, { NO_COLOR: '1' });
    expect(await t.exited, t.output()).toBe(1);
    const out = t.output();
    expect(out).toContain('INCOMPLETE (stopped at --time-budget)');
    expect(out).not.toMatch(/executions · [\d,]+\/s/);
    expect(out).not.toContain('\x1b[');
  });
});
