/**
 * Parallel and sharded runs through the CLI, as a user and a CI matrix run
 * them: `--workers 2` (worker threads that load the scenario file) and
 * `--shard 1/2` + `--shard 2/2` + `interleave merge` find exactly the
 * outcomes of one run, with the same counts and first schedules, on the 3×3
 * print scenario (9!/(3!·3!·3!) = 1680 interleavings).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, cliOnce, expectUsageError, report, show, tempDir, type Exploration } from './helpers.js';

const FILE = 'scenarios/prints-3x3.ts';
// Every run names its strategy: dpor, the default, runs in one piece.

// Each test runs several CLI processes, two at a time (see helpers.ts): slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

/** What must be equal between a split run and a single one: everything but the real time taken. */
function same(r: Exploration): unknown {
  const { elapsedMs, ...rest } = r;
  void elapsedMs;
  return rest;
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir('shards');
});
afterAll(async () => {
  await tmp.remove();
});

describe('one exhaustive run, split', () => {
  it('a single run: 1680 outcomes in 1680 executions, complete', async () => {
    const single = await cliOnce(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json']);
    expect(single.code, show(single)).toBe(1);
    const r = report(single);
    expect([r.executions, r.outcomes.length, r.complete]).toEqual([1680, 1680, true]);
    expect(r.outcomes.every((o) => o.count === 1)).toBe(true);
  });

  it('--workers 2 gives the same report', async () => {
    const [single, parallel] = await Promise.all([
      cliOnce(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json']),
      cli(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json', '--workers', '2']),
    ]);
    expect(parallel.code, show(parallel)).toBe(1);
    const p = report(parallel);
    const s = report(single);
    expect(p.outcomes.map((o) => o.output)).toEqual(s.outcomes.map((o) => o.output));
    expect(p.outcomes.map((o) => [o.count, o.schedule])).toEqual(s.outcomes.map((o) => [o.count, o.schedule]));
    expect(same(p)).toEqual(same(s));
  });

  it('--workers 2 with a --max-executions above the search: complete, and the single run', async () => {
    const args = ['explore', FILE, '--strategy', 'exhaustive', '--format', 'json', '--max-executions', '1700'];
    const [single, parallel] = await Promise.all([cliOnce(args), cli([...args, '--workers', '2'])]);
    const p = report(parallel);
    // One budget for all the jobs: none stops at a share of it while executions are left.
    expect([p.executions, p.complete, p.stopReason]).toEqual([1680, true, undefined]);
    expect(same(p)).toEqual(same(report(single)));
  });

  it('--workers 2 with --max-outcomes keeps the outcomes one run keeps, and counts the rest as one run does', async () => {
    const args = ['explore', FILE, '--strategy', 'exhaustive', '--format', 'json', '--max-outcomes', '100'];
    const [single, parallel] = await Promise.all([cliOnce(args), cli([...args, '--workers', '2'])]);
    const [s, p] = [report(single), report(parallel)];
    expect([p.outcomes.length, p.otherOutcomes]).toEqual([100, { count: 1580, executions: 1580 }]);
    expect(same(p)).toEqual(same(s));
  });

  it('--workers 3 with --max-executions stays within the budget, and says the search is incomplete', async () => {
    const r = await cli(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json', '--workers', '3', '--max-executions', '1000']);
    expect(r.code, show(r)).toBe(1);
    const p = report(r);
    // One budget for all the lanes, not the whole of it for each (which ran up to 3 × 1000).
    expect(p.executions).toBe(1000);
    expect([p.complete, p.stopReason]).toEqual([false, 'max-executions']);
    expect(p.outcomes.reduce((n, o) => n + o.count, 0)).toBe(p.executions);
  });

  it('--shard 1/2 and --shard 2/2, merged, give the same report', async () => {
    const [single, one, two] = await Promise.all([
      cliOnce(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json']),
      cli(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json', '--shard', '1/2']),
      cli(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json', '--shard', '2/2']),
    ]);
    const [a, b] = [report(one), report(two)];
    expect(a.shard).toMatchObject({ index: 1, count: 2 });
    expect(b.shard).toMatchObject({ index: 2, count: 2 });
    // The shards split the executions between them, neither doing them all.
    expect(a.executions + b.executions).toBe(1680);
    expect(Math.min(a.executions, b.executions)).toBeGreaterThan(0);
    const f1 = await tmp.write('shard-1.json', one.stdout);
    const f2 = await tmp.write('shard-2.json', two.stdout);
    const merged = await cli(['merge', f2, f1, '--format', 'json']);
    expect(merged.code, show(merged)).toBe(1);
    expect(same(report(merged))).toEqual(same(report(single)));
    // As text, the merged report reads like the single run's.
    const text = await cli(['merge', f1, f2]);
    expect(text.stdout).toContain('exhaustive · 1,680 executions · complete · 1680 outcomes');
  });
});

describe('a random sample, split', () => {
  const args = [
    'explore',
    'scenarios/workers.ts',
    '--strategy',
    'random',
    '--seed',
    '9',
    '--max-executions',
    '300',
    '--format',
    'json',
  ];

  it('--workers 2 and shards run the same executions as one sample', async () => {
    const [single, parallel, one, two] = await Promise.all([
      cli(args),
      cli([...args, '--workers', '2']),
      cli([...args, '--shard', '1/2']),
      cli([...args, '--shard', '2/2']),
    ]);
    expect(report(single).executions).toBe(300);
    expect(same(report(parallel))).toEqual(same(report(single)));
    expect(report(one).shard).toMatchObject({ range: [0, 150], total: 300 });
    const merged = await cli([
      'merge',
      await tmp.write('r1.json', one.stdout),
      await tmp.write('r2.json', two.stdout),
      '--format',
      'json',
    ]);
    expect(same(report(merged))).toEqual(same(report(single)));
  });
});

describe('errors', () => {
  it('bad --workers and --shard values', async () => {
    expectUsageError(
      await cli(['explore', FILE, '--strategy', 'exhaustive', '--workers', '0']),
      'Expected --workers to be a whole number from 1 and up, got "0"',
    );
    expectUsageError(
      await cli(['explore', FILE, '--strategy', 'exhaustive', '--shard', '3/2']),
      'Expected `shard` (--shard) to be i/n with 1 ≤ i ≤ n, such as 1/4, got "3/2"',
    );
  });

  it('merge: a missing shard, shards of different runs, a report that is no shard', async () => {
    const one = await cli(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json', '--shard', '1/2']);
    const other = await cli([
      'explore',
      FILE,
      '--strategy',
      'exhaustive',
      '--format',
      'json',
      '--shard',
      '2/2',
      '--max-steps',
      '500',
    ]);
    const f1 = await tmp.write('m1.json', one.stdout);
    const f2 = await tmp.write('m2.json', other.stdout);
    expectUsageError(await cli(['merge', f1]), 'shard 2/2 of "prints-3x3" (scenarios/prints-3x3.ts) missing (got 1/2)');
    expectUsageError(
      await cli(['merge', f1, f2]),
      /the shards of "prints-3x3" \(scenarios\/prints-3x3\.ts\) do not match: options is .* in .*m1\.json but .* in .*m2\.json/,
    );
    const whole = await tmp.write(
      'whole.json',
      (await cliOnce(['explore', FILE, '--strategy', 'exhaustive', '--format', 'json'])).stdout,
    );
    expectUsageError(
      await cli(['merge', whole]),
      'the report of "prints-3x3" (scenarios/prints-3x3.ts) is not a shard\'s',
    );
    expectUsageError(await cli(['merge', `${tmp.dir}/nope.json`]), 'nope.json: no such file');
  });
});
