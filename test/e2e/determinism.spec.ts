/**
 * Determinism through the binary: every outcome's printed `replay` command
 * reproduces it; a seeded random exploration is the same twice; an outcome's
 * seed replays it.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliOnce, jsonLines, replayArgs, report, ROOT, show, workerOrders, type Exploration, type Outcome, type ReplayJson, type Run } from './helpers.js';

const listRun = () => cliOnce(['list']);
const SCENARIO_FILE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;

/** Runs an outcome's replay command (`npx interleave` → the binary) with --format json. */
async function replayOutcome(o: Outcome): Promise<{ run: Run; replayed: ReplayJson }> {
  const run = await cli([...replayArgs(o.replay), '--format', 'json']);
  const lines = jsonLines<ReplayJson>(run);
  expect(lines, show(run)).toHaveLength(1);
  return { run, replayed: lines[0]! };
}

function expectSameOutcome(replayed: ReplayJson, o: Outcome, what: string): void {
  expect({ output: replayed.output, value: replayed.value, result: replayed.result, unfinished: replayed.unfinished }, what).toEqual({
    output: o.output,
    value: o.value,
    result: o.result,
    unfinished: o.unfinished,
  });
}

describe.concurrent('determinism', { timeout: 120_000 }, () => {
  it('outcomes of every scenario in scenarios/ (found with `list`) replay to the same outcome', async () => {
    const list = await listRun();
    expect(list.code, show(list)).toBe(0);
    const rows = list.stdout.trimEnd().split('\n').map((l) => l.split(/\s{2,}/));
    const files = [...new Set(rows.map((r) => r[0]!))];
    const onDisk = (await readdir(join(ROOT, 'scenarios'))).filter((f) => SCENARIO_FILE.test(f) && !f.endsWith('.d.ts'));
    expect(files.sort()).toEqual(onDisk.map((f) => `scenarios/${f}`).sort());

    // One process explores them all (one JSON line each): cheaper than one per file.
    const explored = await cli(['explore', ...files, '--format', 'json']);
    expect([0, 1], show(explored)).toContain(explored.code);
    const reports = jsonLines<Exploration>(explored);
    // A file may hold several scenarios (readers.ts: readers(1..8)): one report each, in file order.
    expect([...new Set(reports.map((r) => r.scenario.file))]).toEqual(files);

    // Up to 4 outcomes of each scenario: prints-3x3 alone has 1,680, each replay a process.
    const checks = reports.flatMap((rep) =>
      rep.outcomes.slice(0, 4).map(async (o, i) => {
        const what = `${rep.scenario.name} outcome #${i + 1}: ${o.replay}`;
        const { run, replayed } = await replayOutcome(o);
        expect(run.stderr, show(run)).toBe('');
        expect(run.code, show(run)).toBe(o.result === 'ok' && o.unfinished.length === 0 ? 0 : 1);
        expect(replayed.scenario).toEqual(rep.scenario);
        expectSameOutcome(replayed, o, what);
        expect(replayed.schedule, what).toBe(o.schedule);
        expect(replayed.replay, what).toBe(o.replay);
      }),
    );
    expect(checks.length).toBeGreaterThanOrEqual(20);
    await Promise.all(checks);
  });

  it('random --seed 7 --max-executions 50, twice: the same JSON but for elapsedMs; its outcomes replay by seed', async () => {
    const args = ['explore', 'scenarios/workers.ts', '--strategy', 'random', '--seed', '7', '--max-executions', '50', '--format', 'json'];
    const [a, b] = await Promise.all([cli(args), cli(args)]);
    for (const r of [a, b]) {
      expect(r.code, show(r)).toBe(1);
      expect(r.stderr, show(r)).toBe('');
    }
    const ra = report(a);
    const rb = report(b);
    const strip = (r: Exploration) => ({ ...r, elapsedMs: 0 });
    expect(strip(rb)).toEqual(strip(ra));
    expect(b.stdout.replace(/"elapsedMs":[\d.]+/, '')).toBe(a.stdout.replace(/"elapsedMs":[\d.]+/, ''));
    expect(ra).toMatchObject({ strategy: 'random', seed: 7, executions: 50, complete: false });
    // A sample never invents an output: each is one of the 4 the exhaustive search finds.
    const all = workerOrders('all work was done in 3 seconds').map((o) => JSON.stringify(o));
    for (const o of ra.outcomes) expect(all).toContain(JSON.stringify(o.output));
    expect(ra.outcomes.reduce((s, o) => s + o.count, 0)).toBe(50);
    // (Another seed may give other counts or outcomes: that is allowed, so it is not tested.)

    // Every random outcome carries the seed of its first execution, and replay --seed reproduces it.
    // Execution 1 runs with the seed itself; the others' seeds are derived, so those are the ones to replay.
    for (const o of ra.outcomes) expect(o.seed, JSON.stringify(o)).toEqual(expect.any(Number));
    const derived = ra.outcomes.filter((o) => o.seed !== 7);
    expect(derived.length).toBeGreaterThanOrEqual(2);
    await Promise.all(
      derived.slice(0, 2).map(async (o) => {
        const run = await cli(['replay', 'scenarios/workers.ts', '--seed', String(o.seed), '--format', 'json']);
        expect(run.code, show(run)).toBe(0);
        const [replayed] = jsonLines<ReplayJson>(run);
        expectSameOutcome(replayed!, o, `--seed ${o.seed}`);
        expect(replayed!.schedule).toBe(o.schedule);
      }),
    );
  });
});

describe('list', { timeout: 60_000 }, () => {
  it('list (default directory scenarios/) prints every scenario name with its file, exit 0', async () => {
    const r = await listRun();
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const rows = lines.map((l) => l.split(/\s{2,}/).slice(0, 2)); // file, name (and a description, if any)
    // One row per scenario file on disk (one per scenario, for a file that holds several)...
    const onDisk = (await readdir(join(ROOT, 'scenarios'))).filter((f) => SCENARIO_FILE.test(f) && !f.endsWith('.d.ts'));
    expect([...new Set(rows.map((row) => row[0]))]).toEqual(onDisk.map((f) => `scenarios/${f}`).sort());
    // ...with the name each file declares.
    const known: Record<string, string> = {
      'scenarios/deadlock.ts': 'deadlock',
      'scenarios/panic.ts': 'panic',
      'scenarios/step-limit.ts': 'step-limit',
      'scenarios/unfinished.ts': 'unfinished',
      'scenarios/violation.ts': 'violation',
      'scenarios/workers-ordered.ts': 'workers-ordered',
      'scenarios/workers-waitgroup.ts': 'workers-waitgroup',
      'scenarios/workers.ts': 'workers',
    };
    for (const [file, name] of Object.entries(known)) expect(rows, file).toContainEqual([file, name]);
    // The names line up in one column.
    const nameColumn = new Set(lines.map((l, i) => l.indexOf(rows[i]![1]!, rows[i]![0]!.length)));
    expect(nameColumn.size).toBe(1);
  });
});
