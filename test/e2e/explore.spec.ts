/**
 * `interleave explore` on the scenarios shipped in scenarios/: each verdict as
 * written at the top of its file, through the real binary; and `report`,
 * which renders a saved JSON report as explore would have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliOnce, expectUsageError, kinds, outputs, report, show, tempDir, withoutTiming, workerOrders, type Exploration } from './helpers.js';

// The verdicts give exhaustive counts; dpor, the default, is checked against them below.
const json = (file: string) => cliOnce(['explore', file, '--format', 'json', '--strategy', 'exhaustive']);
const text = (file: string) => cliOnce(['explore', file, '--strategy', 'exhaustive']);

/** Common checks of a JSON run: exit code, quiet stderr, counts that add up. */
async function explored(file: string, exit: number): Promise<Exploration> {
  const r = await json(file);
  expect(r.code, show(r)).toBe(exit);
  expect(r.stderr, show(r)).toBe('');
  const rep = report(r);
  expect(rep.scenario.file).toBe(file);
  expect(rep.strategy).toBe('exhaustive');
  expect(rep.complete).toBe(true);
  expect(rep.outcomes.reduce((s, o) => s + o.count, 0)).toBe(rep.executions);
  expect(rep.orderingDependent).toBe(rep.outcomes.length > 1);
  for (const o of rep.outcomes) {
    expect(o.replay.startsWith(`npx interleave replay ${file} --schedule`), o.replay).toBe(true);
    expect(o.replay.endsWith(o.schedule), o.replay).toBe(true);
  }
  return rep;
}

describe.concurrent('the seed example: scenarios/workers.ts', { timeout: 120_000 }, () => {
  it('default strategy dpor: one execution per class — 4 — the same 4 outputs, ordering and timing, exit 1', async () => {
    const r = await cliOnce(['explore', 'scenarios/workers.ts', '--format', 'json']);
    expect(r.code, show(r)).toBe(1);
    const rep = report(r);
    expect([rep.strategy, rep.executions, rep.redundant, rep.complete]).toEqual(['dpor', 4, 0, true]);
    expect(outputs(rep)).toHaveLength(4);
    expect(kinds(rep)).toEqual(['ordering', 'timing']);
  });

  it('--format json: exactly the 4 outputs, complete, one ordering finding, exit 1', async () => {
    const rep = await explored('scenarios/workers.ts', 1);
    expect(rep.scenario).toEqual({ name: 'workers', file: 'scenarios/workers.ts' });
    expect(outputs(rep)).toEqual(
      [
        ['Jim: doing my work...', 'Pam: doing my work...', 'Jim: done', 'Pam: done', 'all work was done in 3 seconds'],
        ['Jim: doing my work...', 'Pam: doing my work...', 'Pam: done', 'Jim: done', 'all work was done in 3 seconds'],
        ['Pam: doing my work...', 'Jim: doing my work...', 'Jim: done', 'Pam: done', 'all work was done in 3 seconds'],
        ['Pam: doing my work...', 'Jim: doing my work...', 'Pam: done', 'Jim: done', 'all work was done in 3 seconds'],
      ].sort(),
    );
    expect(outputs(rep)).toEqual(workerOrders('all work was done in 3 seconds'));
    for (const o of rep.outcomes) {
      expect(o.result).toBe('ok');
      expect(o.value).toBeNull();
      expect(o.unfinished).toEqual([]);
      expect(o.time).toBe(3000);
    }
    expect(new Set(rep.outcomes.map((o) => o.schedule)).size).toBe(4);
    expect(rep.orderingDependent).toBe(true);
    expect(kinds(rep)).toEqual(['ordering', 'timing']);
    const ordering = rep.findings[0]!;
    expect(ordering.message).toContain('4 distinct outcomes: the result depends on the order in which tasks run');
    // The unordered pairs, each in some order.
    const pairs = (ordering.swapped ?? []).map((p) => [p.first, p.second].sort());
    expect(pairs.sort()).toEqual([
      ['Jim: doing my work...', 'Pam: doing my work...'],
      ['Jim: done', 'Pam: done'],
    ]);
  });

  it('text: the table header, every replay command, the ordering sentence, exit 1', async () => {
    const [t, j] = await Promise.all([text('scenarios/workers.ts'), json('scenarios/workers.ts')]);
    expect(t.code, show(t)).toBe(1);
    expect(t.stderr, show(t)).toBe('');
    expect(t.stdout, 'no colour when stdout is not a terminal').not.toMatch(/\x1b\[/);
    const lines = t.stdout.split('\n');
    expect(lines[0]).toMatch(/^workers {2}scenarios\/workers\.ts$/);
    expect(lines[1]).toMatch(/^exhaustive · \d+ executions · complete · 4 outcomes · \d+(\.\d+)? ms$/);
    expect(lines).toContain('findings');
    expect(lines).toContain('outcomes');
    expect(lines.filter((l) => /^\s+#\s+count\s+share\s+result\s+output$/.test(l))).toHaveLength(1);
    const rep = report(j);
    for (const o of rep.outcomes) {
      expect(lines.filter((l) => l.trim() === `replay: ${o.replay}`), o.replay).toHaveLength(1);
    }
    expect(lines.filter((l) => l.trim().startsWith('replay: '))).toHaveLength(4);
    const orderingLine = lines.find((l) => /^\s+ordering\s/.test(l));
    expect(orderingLine, t.stdout).toBeDefined();
    expect(orderingLine).toContain('4 distinct outcomes: the result depends on the order in which tasks run');
    expect(orderingLine).toContain('these lines come in either order');
    for (const line of ['Pam: doing my work...', 'Jim: doing my work...', 'Pam: done', 'Jim: done']) {
      expect(orderingLine).toContain(`"${line}"`);
      expect(lines.filter((l) => l.trim().endsWith(line)).length, line).toBe(4);
    }
    expect(lines.filter((l) => l.trim().endsWith('all work was done in 3 seconds'))).toHaveLength(4);
    expect(lines.filter((l) => /^\s+#[1-4]\s+\d+\s+\d+\.\d%\s+ok\s+\S/.test(l))).toHaveLength(4);
  });
});

describe.concurrent('scenarios/workers-waitgroup.ts and workers-ordered.ts', { timeout: 120_000 }, () => {
  it('workers-waitgroup: the same 4 orders of the worker lines, main last after 2 s, nothing unfinished, exit 1', async () => {
    const rep = await explored('scenarios/workers-waitgroup.ts', 1);
    expect(rep.scenario.name).toBe('workers-waitgroup');
    expect(outputs(rep)).toEqual(workerOrders('all work was done in 2 seconds'));
    for (const o of rep.outcomes) {
      expect(o.result).toBe('ok');
      expect(o.unfinished).toEqual([]);
      expect(o.output).toHaveLength(5);
      expect(o.output.at(-1)).toBe('all work was done in 2 seconds');
    }
    expect(rep.orderingDependent).toBe(true);
    expect(kinds(rep)).toEqual(['ordering']);
    const pairs = (rep.findings[0]!.swapped ?? []).map((p) => [p.first, p.second].sort());
    expect(pairs.sort()).toEqual([
      ['Jim: doing my work...', 'Pam: doing my work...'],
      ['Jim: done', 'Pam: done'],
    ]);
  });

  it('workers-ordered: exactly one outcome, no finding, exit 0', async () => {
    const rep = await explored('scenarios/workers-ordered.ts', 0);
    expect(rep.scenario.name).toBe('workers-ordered');
    expect(rep.outcomes).toHaveLength(1);
    const [o] = rep.outcomes;
    expect(o!.output).toEqual([
      'Pam: doing my work...',
      'Pam: done',
      'Jim: doing my work...',
      'Jim: done',
      'all work was done in 2 seconds',
    ]);
    expect(o!.result).toBe('ok');
    expect(o!.unfinished).toEqual([]);
    expect(o!.count).toBe(rep.executions);
    expect(rep.orderingDependent).toBe(false);
    expect(rep.findings).toEqual([]);
  });
});

describe.concurrent('end-result scenarios: the verdict at the top of each file', { timeout: 120_000 }, () => {
  it('deadlock.ts: one outcome, result deadlock (main waits on wg#1, counter 1), a deadlock finding, exit 1', async () => {
    const rep = await explored('scenarios/deadlock.ts', 1);
    expect(rep.outcomes).toHaveLength(1);
    const o = rep.outcomes[0]!;
    expect(o.result).toBe('deadlock');
    expect(o.output).toEqual(['Pam: doing my work...', 'Pam: done']);
    expect(o.deadlock).toEqual(['main waits: wait wg#1 (counter 1)']);
    expect(kinds(rep)).toEqual(['deadlock']);
    expect(rep.findings[0]!.message).toContain('main waits: wait wg#1 (counter 1)');
    expect(rep.findings[0]!.message).toContain('every task is blocked and no timer is pending');
  });

  it('panic.ts: one outcome, result panic in task Jim at scenarios/panic.ts:14, a panic finding, exit 1', async () => {
    const rep = await explored('scenarios/panic.ts', 1);
    expect(rep.outcomes).toHaveLength(1);
    const o = rep.outcomes[0]!;
    expect(o.result).toBe('panic');
    expect(o.output).toEqual([]);
    expect(o.panic).toMatchObject({ task: 'Jim', site: 'scenarios/panic.ts:14' });
    expect(o.panic!.message).toMatch(/^TypeError: .*is not iterable/);
    expect(kinds(rep)).toEqual(['panic']);
    const f = rep.findings[0]!;
    expect(f).toMatchObject({ task: 'Jim', site: 'scenarios/panic.ts:14' });
    expect(f.message).toContain('task Jim panicked: TypeError:');
    expect(f.message).toContain('(scenarios/panic.ts:14)');
  });

  it('violation.ts: 3 outcomes (Pam, Jim, both with a violation), ordering + violation findings, exit 1', async () => {
    const rep = await explored('scenarios/violation.ts', 1);
    expect(rep.outcomes).toHaveLength(3);
    const byValue = Object.fromEntries(rep.outcomes.map((o) => [JSON.stringify(o.value), o]));
    expect(Object.keys(byValue).sort()).toEqual(['["Jim","Pam"]', '["Jim"]', '["Pam"]']);
    expect(byValue['["Pam"]']!.result).toBe('ok');
    expect(byValue['["Jim"]']!.result).toBe('ok');
    const both = byValue['["Jim","Pam"]']!;
    expect(both.result).toBe('violation');
    expect(both.violations).toEqual([
      expect.objectContaining({ task: 'main', message: 'sold 2 seats of 1: Jim, Pam', site: 'scenarios/violation.ts:30' }),
    ]);
    for (const o of rep.outcomes) {
      expect(o.output).toEqual([]);
      expect(o.unfinished).toEqual([]);
    }
    expect(rep.orderingDependent).toBe(true);
    // A race on each of the two shared variables the buyers check and update.
    expect(kinds(rep)).toEqual(['ordering', 'race', 'race', 'violation']);
    expect(rep.findings.filter((f) => f.kind === 'race').map((f) => f.message.split(':')[0])).toEqual([
      'data race on "seats"',
      'data race on "buyers"',
    ]);
    const v = rep.findings.find((f) => f.kind === 'violation')!;
    expect(v.message).toContain('sold 2 seats of 1: Jim, Pam');
    expect(v.message).toContain('scenarios/violation.ts:30');
  });

  it('unfinished.ts: 5 outcomes, Jim and Pam unfinished in each, ordering + unfinished findings, exit 1', async () => {
    const rep = await explored('scenarios/unfinished.ts', 1);
    expect(outputs(rep)).toEqual(
      [
        ['main: bye'],
        ['Pam: doing my work...', 'main: bye'],
        ['Jim: doing my work...', 'main: bye'],
        ['Pam: doing my work...', 'Jim: doing my work...', 'main: bye'],
        ['Jim: doing my work...', 'Pam: doing my work...', 'main: bye'],
      ].sort(),
    );
    for (const o of rep.outcomes) {
      expect(o.result).toBe('ok');
      expect(o.unfinished).toEqual(['Jim', 'Pam']);
    }
    expect(kinds(rep)).toEqual(['ordering', 'unfinished']);
    expect(rep.findings.find((f) => f.kind === 'unfinished')!.message).toContain('main returned while Jim, Pam had not finished');
  });

  it('step-limit.ts: one outcome, result step-limit at 200 steps, a step-limit finding, exit 1', async () => {
    const rep = await explored('scenarios/step-limit.ts', 1);
    expect(rep.options.maxSteps).toBe(200);
    expect(rep.outcomes).toHaveLength(1);
    const o = rep.outcomes[0]!;
    expect(o.result).toBe('step-limit');
    expect(o.output).toEqual([]);
    expect(o.stepLimit).toContain('step limit 200 reached');
    expect(o.stepLimit).toContain('waiter');
    expect(o.replay, 'the limit comes from the scenario, so replay needs no --max-steps').not.toContain('--max-steps');
    expect(kinds(rep)).toEqual(['step-limit']);
    expect(rep.findings[0]!.message).toContain('step limit 200 reached');
  });

  it('text, several files in one run: the key facts of each end result, "no findings" for workers-ordered, a summary line', async () => {
    const files = ['deadlock', 'panic', 'violation', 'unfinished', 'step-limit', 'workers-ordered'].map((n) => `scenarios/${n}.ts`);
    const r = await cliOnce(['explore', ...files]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr, show(r)).toBe('');
    const out = r.stdout;
    expect(out, 'no colour when stdout is not a terminal').not.toMatch(/\x1b\[/);
    const ordered = out.slice(out.indexOf('workers-ordered  scenarios/workers-ordered.ts'));
    expect(ordered).toMatch(/^no findings: one outcome, and no panic, deadlock, violation or lost task$/m);
    expect(ordered).not.toMatch(/^findings$/m);
    expect(ordered.match(/^\s+replay: /gm)).toHaveLength(1);
    expect(out.match(/^no findings: /gm)).toHaveLength(1);
    for (const f of files) expect(out).toMatch(new RegExp(`^${f.slice(10, -3)}  ${f.replace('.', '\\.')}$`, 'm'));
    expect(out).toMatch(/^\s+deadlock: main waits: wait wg#1 \(counter 1\)$/m);
    expect(out).toMatch(/^\s+#1\s+1\s+100\.0%\s+deadlock\s+Pam: doing my work\.\.\.$/m);
    expect(out).toMatch(/^\s+panic in Jim: TypeError: /m);
    expect(out).toMatch(/^\s+panic\s+task Jim panicked: TypeError: .*\(scenarios\/panic\.ts:14\)$/m);
    expect(out).toMatch(/^\s+violation in main: sold 2 seats of 1: Jim, Pam$/m);
    expect(out).toMatch(/^\s+→ returned \["Jim","Pam"\]$/m);
    // The default strategy, dpor: the same outcomes as exhaustive search.
    expect(out).toMatch(/^dpor · \d+ executions · complete · 3 outcomes · /m);
    expect(out).toMatch(/^dpor · \d+ executions · complete · 5 outcomes · /m);
    expect(out.match(/^\s+unfinished: Jim, Pam$/gm)).toHaveLength(5);
    expect(out).toMatch(/^\s+#1\s+1\s+100\.0%\s+step-limit\s+\(no output\)$/m);
    expect(out).toMatch(/^\s+step-limit\s+step limit 200 reached/m);
    expect(out.trimEnd().split('\n').at(-1)).toBe('6 scenarios: 5 with findings, 1 without');
  });
});

describe.concurrent('report <saved.json>', { timeout: 120_000 }, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('report');
  });
  afterAll(async () => {
    await tmp?.remove();
  });

  it('re-renders a report saved from explore --format json: the same text as explore, but the timing; exit 1', async () => {
    const [j, t] = await Promise.all([json('scenarios/workers.ts'), text('scenarios/workers.ts')]);
    expect(j.code, show(j)).toBe(1);
    const saved = await tmp.write('workers.json', j.stdout);
    const r = await cli(['report', saved]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr, show(r)).toBe('');
    expect(withoutTiming(r.stdout)).toBe(withoutTiming(t.stdout));
    // The timing shown is the saved one.
    expect(r.stdout).toContain(` · ${report(j).elapsedMs.toFixed(1)} ms\n`);
  });

  it('a JSON file that is not a report: exit 2 and a clear message', async () => {
    const f = await tmp.write('other.json', '{"hello":"world"}\n');
    expectUsageError(await cli(['report', f]), `interleave: ${f}: no scenario and outcomes, so not an interleave report`);
  });

  it('a pretty-printed report (one JSON document) renders like the line-per-report form', async () => {
    const saved = await cli(['explore', 'scenarios/deadlock.ts', 'scenarios/panic.ts', '--format', 'json']);
    const reports = saved.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    const lines = await tmp.write('lines.json', saved.stdout);
    const pretty = await tmp.write('pretty.json', JSON.stringify(reports, null, 2));
    const a = await cli(['report', lines]);
    const b = await cli(['report', pretty]);
    expect(b.code).toBe(1);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout.trimEnd().split('\n').at(-1)).toBe('2 scenarios: 2 with findings, 0 without');
  });

  it('a file that is not JSON at all: exit 2 and a clear message', async () => {
    expectUsageError(await cli(['report', 'scenarios/workers.ts']), 'interleave: scenarios/workers.ts:1: not JSON, so not an interleave report');
  });
});
