/** The Markdown report: a table GitHub renders, escaped scenario strings, the replay commands in one block. */
import { describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/index.js';
import { mdText, renderMarkdown } from '../../../src/report/markdown.js';
import workers from '../../../scenarios/workers.js';

describe('renderMarkdown', () => {
  it('the seed example: verdict, findings, one table row per outcome, the replay commands', async () => {
    const r = await explore(workers, { file: 'scenarios/workers.ts', strategy: 'exhaustive' });
    const md = renderMarkdown(r);
    const lines = md.split('\n');
    expect(lines[0]).toBe(`### interleave: workers — ⚠️ ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}`);
    expect(lines[2]).toMatch(/^`scenarios\/workers\.ts` · exhaustive · 12 executions · \*\*complete\*\* · 4 outcomes · [\d.]+ ms$/);
    expect(lines.filter((l) => l.startsWith('- **ordering** 4 distinct outcomes'))).toHaveLength(1);
    const rows = lines.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toEqual(
      r.outcomes.map((o, i) => `| ${i + 1} | 3 | 25.0% | ok | ${o.output.map(mdText).join('<br>')} |`),
    );
    const block = md.slice(md.indexOf('```sh\n') + 6, md.lastIndexOf('\n```'));
    expect(block.split('\n').filter((l) => !l.startsWith('#'))).toEqual(r.outcomes.map((o) => o.replay));
  });

  it('escapes what a scenario prints: no markup, no table break, no mention, no issue link', () => {
    expect(mdText('a|b *c* _d_ `e` <script> [x](y) @team #12 \\')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<script\\> \\[x\\](y) @\u200bteam #\u200b12 \\\\',
    );
    expect(mdText('two\nlines')).toBe('two ↵ lines');
  });

  it('1,000 outcomes: 20 rows and one that sums up the rest', async () => {
    const chooser: Scenario = {
      name: 'choose-1000',
      async main({ choose, print }) {
        await print(`value ${await choose(1000)}`);
      },
    };
    const md = renderMarkdown(await explore(chooser));
    expect(md.split('\n').filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(20);
    expect(md).toContain('| | | | | …and 980 more outcomes, 98.0% of executions (980 executions) |');
    expect(md.length).toBeLessThan(10_000);
  });

  it('a sample says how sure it is', async () => {
    const r = await explore(workers, { strategy: 'random', maxExecutions: 10 });
    expect(renderMarkdown(r)).toContain(
      '> unseen outcomes: a 20% chance that the next execution shows an outcome not seen yet (Good–Turing: 2 outcomes seen once in 10 executions)',
    );
  });
});
