import { describe, expect, it } from 'vitest';
import stories from '../../../scenarios/select-timeout.js';
import { exploreStory, kinds } from './verdict.js';

const [buffered, leak] = stories;

describe('select-timeout.ts', () => {
  it('select-timeout: the answer or the timeout, nobody left behind; ordering only', async () => {
    expect(buffered!.name).toBe('select-timeout');
    const r = await exploreStory(buffered!, 'select-timeout.ts');
    expect(r.outcomes.map((o) => [o.output, o.result, o.unfinished, o.time]).sort()).toEqual([
      [['answer 42 after 500ms'], 'ok', [], 2000],
      [['timed out after 1000ms'], 'ok', [], 2500],
    ]);
    expect(kinds(r)).toEqual(['ordering']);
  });

  it('select-timeout-leak: after the timeout the worker blocks forever on its send; ordering and unfinished', async () => {
    expect(leak!.name).toBe('select-timeout-leak');
    const r = await exploreStory(leak!, 'select-timeout.ts');
    expect(r.outcomes.map((o) => [o.output, o.result, o.unfinished, o.time]).sort()).toEqual([
      [['answer 42 after 500ms'], 'ok', [], 2000],
      [['timed out after 1000ms'], 'ok', ['worker'], 2500],
    ]);
    expect(kinds(r)).toEqual(['ordering', 'unfinished']);
    expect(r.findings.find((f) => f.kind === 'unfinished')!.message).toContain('main returned while worker had not finished');
  });
});
