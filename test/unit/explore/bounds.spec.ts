/**
 * Bounded resources: beyond --max-outcomes distinct outcomes, executions are
 * only counted ("other"), so memory stays bounded; huge values are cut in
 * the text view and kept exactly in the report data.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import { renderText } from '../../../src/report/text.js';

const many = (n: number): Scenario => ({
  name: 'many',
  async main({ choose, print }) {
    const a = await choose(n);
    await print(`value ${a}`);
    // Every value twice over: the same outcome from two executions.
    await choose(2);
  },
});

describe('--max-outcomes', () => {
  it('keeps the first N distinct outcomes and counts the rest as other outcomes, with their executions', async () => {
    const r = await explore(many(50), { maxOutcomes: 10 });
    expect(r.executions).toBe(100);
    expect(r.outcomes).toHaveLength(10);
    expect(r.outcomes.map((o) => [o.output[0], o.count])).toEqual(Array.from({ length: 10 }, (_, i) => [`value ${i}`, 2]));
    expect(r.otherOutcomes).toEqual({ count: 40, executions: 80 });
    expect(r.complete).toBe(true);
    expect(renderText(r)).toContain('+ 40 other outcomes in 80 executions, beyond --max-outcomes: counted, not kept');
  });

  it('within the bound: no otherOutcomes in the report (the JSON shape is unchanged)', async () => {
    const r = await explore(many(5));
    expect(r.outcomes).toHaveLength(5);
    expect('otherOutcomes' in r).toBe(false);
  });

  it('a bad bound is an OptionError naming the flag', async () => {
    await expect(explore(many(2), { maxOutcomes: 0 })).rejects.toThrow(
      'Expected `maxOutcomes` (--max-outcomes) to be a whole number from 1 and up, got 0 (number)',
    );
  });
});

describe('huge values', () => {
  it('a panic message of 100,000 characters: cut in the text view, exact in the report', async () => {
    const s: Scenario = {
      name: 'huge',
      async main({ print }) {
        await print('x');
        throw new Error('y'.repeat(100_000));
      },
    };
    const r = await explore(s);
    expect(r.outcomes[0]!.panic!.message).toBe('y'.repeat(100_000));
    const text = renderText(r);
    expect(text.length).toBeLessThan(10_000);
    expect(text).toContain(`${'y'.repeat(100)}`);
    expect(text).toMatch(/… \([\d,]+ more characters; the JSON report has it all\)/);
  });
});
