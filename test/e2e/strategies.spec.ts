/**
 * pct, --preemptions, --jitter and minimal counterexamples from the command
 * line: the flags, their one-line errors, the report fields and the replay
 * trace's preemption marks.
 */
import { describe, expect, it } from 'vitest';
import { cli, expectUsageError, replayArgs, report, show, type ReplayJson } from './helpers.js';

const W = 'scenarios/workers.ts';
const LOST = 'scenarios/lost-update.ts';

describe('bad values are one-line usage errors', () => {
  it.each([
    [['explore', W, '--jitter', '2'], 'interleave: Expected --jitter to be a number from 0 up to but not including 1, such as 0.5, got "2"'],
    [['explore', W, '--jitter', 'lots'], 'interleave: Expected --jitter to be a number from 0 up to but not including 1, such as 0.5, got "lots"'],
    [['explore', W, '--strategy', 'pct', '--depth', '0'], 'interleave: Expected --depth to be a whole number from 1 and up, got "0"'],
    [['explore', W, '--preemptions', 'two'], 'interleave: Expected --preemptions to be a whole number from 0 and up, got "two"'],
    [
      ['explore', W, '--strategy', 'random', '--preemptions', '1'],
      'interleave: `preemptions` (--preemptions) bounds an exhaustive search (--strategy exhaustive or dpor), got strategy "random" (string)',
    ],
  ])('%j', async (args, message) => {
    const r = await cli(args);
    expectUsageError(r, message);
    expect(r.stderr).toBe(`${message}\n`);
  });
});

describe('explore', () => {
  it('--strategy pct --depth 2: a seeded sample with pctSteps on each outcome', async () => {
    const r = await cli(['explore', LOST, '--strategy', 'pct', '--depth', '2', '--seed', '3', '--max-executions', '200', '--format', 'json']);
    expect(r.code, show(r)).toBe(1);
    const rep = report(r);
    expect(rep).toMatchObject({ strategy: 'pct', seed: 3, executions: 200, complete: false, stopReason: 'max-executions' });
    expect(rep.unseenEstimate).toBe(rep.outcomes.filter((o) => o.count === 1).length / 200);
    expect(rep.outcomes.map((o) => o.output[0]).sort()).toEqual(['counter = 1', 'counter = 2', 'counter = 3']);
    for (const o of rep.outcomes) expect(typeof o.pctSteps).toBe('number');
  });

  it('--preemptions 0: no update is lost, and the search says the bound cut it', async () => {
    const r = await cli(['explore', LOST, '--strategy', 'exhaustive', '--preemptions', '0', '--format', 'json']);
    const rep = report(r);
    expect(rep.outcomes.map((o) => o.output)).toEqual([['counter = 3']]);
    expect(rep).toMatchObject({ complete: false, stopReason: 'preemption-bound', executions: 6 });
  });

  it('--jitter 0.5 shows main printing before a worker is done; the replay command carries the jitter and replays it', async () => {
    const r = await cli(['explore', W, '--strategy', 'exhaustive', '--jitter', '0.5', '--format', 'json']);
    const rep = report(r);
    expect(rep.outcomes).toHaveLength(24);
    const early = rep.outcomes.find((o) => o.unfinished.length === 2)!;
    expect(early.output.at(-1)).toMatch(/^all work was done in (1\.5|3) seconds$/);
    expect(early.replay).toMatch(/ --jitter 0\.5$/);
    const run = await cli([...replayArgs(early.replay), '--format', 'json']);
    const replayed = JSON.parse(run.stdout) as ReplayJson;
    expect([replayed.output, replayed.unfinished]).toEqual([early.output, early.unfinished]);
  });
});

describe('minimal counterexamples', () => {
  it('each lost-update outcome needs one preemption; the replay trace marks it', async () => {
    const r = await cli(['explore', LOST, '--strategy', 'exhaustive', '--format', 'json']);
    const rep = report(r);
    expect(rep.outcomes.map((o) => [o.output[0], o.schedule, o.preemptions, o.firstSchedule])).toEqual([
      ['counter = 1', '12233', 1, '12133'],
      ['counter = 2', '11233', 1, '11232'],
      ['counter = 3', '1122', undefined, undefined],
    ]);
    const run = await cli(replayArgs(rep.outcomes[0]!.replay));
    expect(run.code, show(run)).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('lost-update · schedule 12233 · 9 steps · 0 ms virtual · 1 preemption (marked >)');
    expect(lines.filter((l) => l.startsWith('> '))).toEqual([
      '> 2   0ms  B     get counter            scenarios/lost-update.ts:18  (chosen among 3, a preemption)',
    ]);
  });
});
