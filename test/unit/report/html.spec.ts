/**
 * The HTML report: what it shows for the seed example, how it stays small for
 * 1,000 outcomes and 5,000 steps, that it escapes what scenarios print, and
 * that it is a pure function of the JSON report.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Exploration, type Scenario } from '../../../src/index.js';
import { renderHtml } from '../../../src/report/html.js';
import workers from '../../../scenarios/workers.js';

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
const unescape = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** choose(n) in main, printed: n outcomes of one execution each. */
const chooser = (n: number): Scenario => ({
  name: `choose-${n}`,
  async main({ choose, print }) {
    await print(`value ${await choose(n)}`);
  },
});

describe('renderHtml', () => {
  it('the seed example: header, chart, every outcome with its replay command and a timeline of main, Pam and Jim', async () => {
    const r = await explore(workers, { file: 'scenarios/workers.ts', traceOutcomes: 20 });
    const html = renderHtml(r);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>interleave: workers</title>');
    expect(html).toContain('<span class="badge ok" id="status">complete</span>');
    expect(count(html, /<rect class="bar/g)).toBe(4);
    expect(count(html, /<article class="outcome"/g)).toBe(4);
    const commands = [...html.matchAll(/<code class="replay-command">([^<]*)<\/code>/g)].map((m) => unescape(m[1]!));
    expect(commands).toEqual(r.outcomes.map((o) => o.replay));
    expect(count(html, /<div class="timeline"/g)).toBe(4);
    for (const lanes of html.matchAll(/<div class="lane-names"[^>]*>(.*?)<\/div><div class="timeline-scroll">/g)) {
      expect([...lanes[1]!.matchAll(/data-task="([^"]*)"/g)].map((m) => m[1]).sort()).toEqual(['Jim', 'Pam', 'main']);
    }
    // No network: nothing is loaded from anywhere.
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toContain('id="unseen"');
  });

  it('ordering: the two outputs side by side, the swapped lines marked with their pair', async () => {
    const r = await explore(workers, { file: 'scenarios/workers.ts' });
    const html = renderHtml(r);
    const compare = /<div class="compare" data-outcomes="(\d+) (\d+)">(.*?)<\/div><\/li>/.exec(html);
    expect(compare).not.toBeNull();
    const [a, b] = [Number(compare![1]) - 1, Number(compare![2]) - 1];
    expect(a).toBe(0);
    // The other outcome turns both pairs round: the doing lines and the done lines.
    const first = r.outcomes[a]!.output;
    const other = r.outcomes[b]!.output;
    expect(other.slice(0, 2)).toEqual([first[1], first[0]]);
    expect(other.slice(2, 4)).toEqual([first[3], first[2]]);
    const marked = [...compare![3]!.matchAll(/<li class="swap"><span class="pair">([^<]*)<\/span>([^<]*)<\/li>/g)].map((m) => `${m[1]} ${unescape(m[2]!)}`);
    expect(marked).toEqual([
      `⇄1 ${first[0]}`, `⇄1 ${first[1]}`, `⇄2 ${first[2]}`, `⇄2 ${first[3]}`,
      `⇄1 ${other[0]}`, `⇄1 ${other[1]}`, `⇄2 ${other[2]}`, `⇄2 ${other[3]}`,
    ]);
  });

  it('1,000 outcomes: 20 shown with their timelines, the rest in one row and one bar', async () => {
    const r = await explore(chooser(1000), { traceOutcomes: 20 });
    expect(r.outcomes).toHaveLength(1000);
    expect(r.outcomes.filter((o) => o.trace !== undefined)).toHaveLength(20);
    const html = renderHtml(r);
    expect(count(html, /<article class="outcome"/g)).toBe(20);
    expect(count(html, /<div class="timeline"/g)).toBe(20);
    expect(count(html, /<rect class="bar/g)).toBe(21);
    expect(html).toContain('<p class="rest" id="rest">…and 980 more outcomes, 98.0% of executions (980 executions)');
    expect(html.length).toBeLessThan(300_000);
  });

  it('a 5,000-step execution stays under 2 MB', async () => {
    const busy: Scenario = {
      name: 'busy',
      async main({ go, shared, waitGroup }) {
        const n = shared('n', 0);
        const wg = waitGroup();
        wg.add(2);
        for (const t of ['a', 'b']) {
          go(async () => {
            for (let i = 0; i < 1249; i++) await n.update((v) => v + 1);
            wg.done();
          }, t);
        }
        for (let i = 0; i < 2501; i++) await n.get();
        await wg.wait();
      },
    };
    const r = await explore(busy, { strategy: 'random', maxExecutions: 1, traceOutcomes: 1 });
    expect(r.outcomes[0]!.trace!.length).toBe(5000);
    const html = renderHtml(r);
    expect(count(html, /data-step="/g)).toBe(5000);
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('20 outcomes of 5,000 steps each: the timelines share a budget of steps drawn', async () => {
    const r = await explore(chooser(20));
    const trace = Array.from({ length: 5000 }, (_, i) => ({ step: i + 1, time: i, task: i % 2 ? 'main' : 't', op: `get x`, enabled: 1 }));
    const heavy: Exploration = { ...r, outcomes: r.outcomes.map((o) => ({ ...o, trace })) };
    const html = renderHtml(heavy);
    const drawn = html.split('<article class="outcome"').slice(1).map((a) => count(a, /data-step="/g));
    expect(drawn).toEqual([5000, 5000, 5000, 5000, ...Array<number>(16).fill(500)]);
    expect(count(html, /steps not drawn ⋯/g)).toBe(16);
    expect(html.length).toBeLessThan(6_000_000);
  });

  it('escapes everything a scenario prints, names or throws', async () => {
    const hostile: Scenario = {
      name: '<img src=x onerror=alert(1)>',
      async main({ go, print }) {
        go(async () => {
          await print('</pre><script>alert("out")</script>');
        }, '<b>task</b>');
        await print(`"'&<>`);
        throw new Error('<script>alert("panic")</script>');
      },
    };
    const r = await explore(hostile, { file: "<x>'.ts", traceOutcomes: 20 });
    const html = renderHtml(r);
    expect(html).not.toMatch(/<script>alert|<img|<b>task/);
    expect(count(html, /<script>/g)).toBe(1); // ours, the copy buttons
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(&quot;out&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;task&lt;/b&gt;');
  });

  it('is a pure function of the JSON report', async () => {
    const r = await explore(workers, { file: 'scenarios/workers.ts', strategy: 'random', maxExecutions: 50, traceOutcomes: 2 });
    const again = JSON.parse(JSON.stringify(r)) as Exploration;
    expect(renderHtml(again)).toBe(renderHtml(r));
    // A sample says how sure it is.
    expect(renderHtml(r)).toContain(`<p class="unseen" id="unseen" data-estimate="${r.unseenEstimate}">`);
  });

  it("highlights a finding's events in the timeline of the outcome it is about", async () => {
    const r = await explore(workers, { file: 'scenarios/workers.ts', traceOutcomes: 1 });
    const trace = r.outcomes[0]!.trace!;
    const pamDone = trace.find((s) => s.task === 'Pam' && s.op === 'print "Pam: done"')!;
    const report: Exploration = {
      ...r,
      findings: [
        {
          kind: 'ordering',
          message: 'two events',
          outcome: 0,
          events: [{ task: 'Pam', step: pamDone.step }, { task: 'main', site: trace.at(-1)!.site! }],
        } as unknown as Exploration['findings'][number],
      ],
    };
    const html = renderHtml(report);
    expect([...html.matchAll(/class="m [^"]* hl[^"]*" data-step="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([
      pamDone.step,
      trace.at(-1)!.step,
    ]);
    expect(html).toContain('<li>task Pam (step');
  });

  it("a finding that gives a schedule instead of an outcome (race, timing) is about the outcome with that schedule", async () => {
    const r = await explore(workers, { file: 'scenarios/workers.ts', traceOutcomes: 20 });
    const second = r.outcomes[1]!;
    const pamDone = second.trace!.find((s) => s.op === 'print "Pam: done"')!;
    const report: Exploration = {
      ...r,
      findings: [
        {
          kind: 'ordering',
          message: 'a race, say',
          schedule: second.schedule,
          events: [{ task: 'Pam', step: pamDone.step, site: pamDone.site! }],
        } as unknown as Exploration['findings'][number],
      ],
    };
    const html = renderHtml(report);
    expect(html).toContain('a race, say <a href="#outcome-2">outcome #2</a>');
    const articles = html.split('<article class="outcome"').slice(1);
    const highlighted = articles.map((a) => [...a.matchAll(/class="m [^"]* hl[^"]*" data-step="(\d+)"/g)].map((m) => Number(m[1])));
    expect(highlighted).toEqual([[], [pamDone.step], [], []]);
  });
});
