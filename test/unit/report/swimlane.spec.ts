/**
 * The swimlane timeline: lanes, happens-before arrows from `sync`, a finding's
 * events highlighted, hostile strings escaped, and long traces kept light.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightedSteps, laneOrder, renderSwimlane, type SyncedStep } from '../../../src/report/swimlane.js';

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

/** A hand-made trace of a mutex hand-off and a channel hand-off, with the happens-before edges the runtime records. */
const handOff: SyncedStep[] = [
  { step: 1, time: 0, task: 'A', op: 'lock mu#1', enabled: 2, site: 's.ts:3' },
  { step: 2, time: 0, task: 'B', op: 'lock mu#1 (held by A)', enabled: 1, site: 's.ts:9' },
  { step: 3, time: 0, task: 'A', op: 'send ch#1 <- 1', enabled: 1, site: 's.ts:4' },
  { step: 4, time: 5, task: 'B', op: 'lock mu#1', enabled: 1, site: 's.ts:9', sync: [1] },
  { step: 5, time: 5, task: 'main', op: 'recv ch#1', enabled: 1, site: 's.ts:12', sync: [3] },
  { step: 6, time: 5, task: 'main', op: 'join B', enabled: 1, site: 's.ts:13', sync: [4, 2] },
];

describe('renderSwimlane', () => {
  it('gives one lane per task, main first, then in the order the tasks first step, then the extra ones', () => {
    expect(laneOrder(handOff, ['C'])).toEqual(['main', 'A', 'B', 'C']);
    const svg = renderSwimlane(handOff, { tasks: ['C'] });
    expect([...svg.matchAll(/class="lane-name" data-task="([^"]*)"/g)].map((m) => m[1])).toEqual(['main', 'A', 'B', 'C']);
    expect(count(svg, /<rect class="lane/g)).toBe(4);
  });

  it('draws one mark per step and one arrow per sync edge, from the earlier step to the later', () => {
    const svg = renderSwimlane(handOff);
    expect([...svg.matchAll(/data-step="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 6]);
    const arrows = [...svg.matchAll(/<path class="hb" data-from="(\d+)" data-to="(\d+)"/g)].map((m) => `${m[1]}→${m[2]}`);
    expect(arrows).toEqual(['1→4', '3→5', '4→6', '2→6']);
    expect(count(svg, /marker-end="url\(#hb-arrow\)"/g)).toBe(4);
  });

  it('draws no arrow without sync (a trace from before happens-before)', () => {
    const plain = handOff.map((s) => ({ step: s.step, time: s.time, task: s.task, op: s.op, enabled: s.enabled }));
    expect(count(renderSwimlane(plain), /class="hb"/g)).toBe(0);
  });

  it('marks choice points as diamonds and the rest as circles', () => {
    const svg = renderSwimlane(handOff);
    expect(count(svg, /<path class="m [^"]*choice"/g)).toBe(1);
    expect(count(svg, /<circle class="m /g)).toBe(5);
  });

  it('marks the virtual clock where it moves', () => {
    const svg = renderSwimlane(handOff);
    expect([...svg.matchAll(/<text class="tl"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['0ms', '5ms']);
  });

  it("highlights a finding's events: by step when given, else every step of the task at the source line", () => {
    expect([...highlightedSteps(handOff, [{ task: 'A', step: 3 }, { task: 'main', step: 99 }])]).toEqual([3]);
    expect([...highlightedSteps(handOff, [{ task: 'B', site: 's.ts:9' }])].sort()).toEqual([2, 4]);
    // Task and site must both match; an event with neither step nor site names nothing.
    expect([...highlightedSteps(handOff, [{ task: 'A', site: 's.ts:9' }, { task: 'A' }])]).toEqual([]);
    const svg = renderSwimlane(handOff, { highlight: [{ task: 'A', step: 1 }, { task: 'main', site: 's.ts:12' }] });
    expect([...svg.matchAll(/class="m [^"]* hl[^"]*" data-step="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 5]);
    expect(count(svg, /<text class="l hl"/g)).toBe(2);
  });

  it('escapes task names and operations: nothing a scenario prints becomes markup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ task: fc.constantFrom('main', '<b>t</b>', 'x"y', "a'&b"), op: fc.string({ maxLength: 60 }) }), { minLength: 1, maxLength: 40 }),
        (steps) => {
          const trace = steps.map((s, i) => ({ step: i + 1, time: i, enabled: 1 + (i % 2), site: '<i>f.ts:1</i>', ...s }));
          const svg = renderSwimlane(trace, { highlight: [{ task: trace[0]!.task, step: 1 }] });
          // Every tag in the output is one the renderer writes.
          for (const m of svg.matchAll(/<\/?([a-zA-Z]*)/g)) {
            expect(['div', 'svg', 'rect', 'line', 'text', 'tspan', 'path', 'circle', 'title']).toContain(m[1]);
          }
          expect(svg).not.toContain('<b>');
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });

  describe('a trace of 5,000 steps', () => {
    const tasks = ['main', 'A', 'B', 'C'];
    const long: SyncedStep[] = Array.from({ length: 5000 }, (_, i) => ({
      step: i + 1,
      time: Math.floor(i / 10),
      task: tasks[i % 4]!,
      op: i % 3 === 0 ? `set counter = ${i}` : `print "line ${i}"`,
      enabled: 1 + (i % 3),
      site: `s.ts:${i % 50}`,
      ...(i > 4 && i % 7 === 0 ? { sync: [i - 3] } : {}),
    }));

    it('keeps every mark and arrow but thins the labels, and stays small', () => {
      const svg = renderSwimlane(long);
      expect(count(svg, /data-step="/g)).toBe(5000);
      expect(count(svg, /<path class="hb"/g)).toBe(long.filter((s) => s.sync !== undefined).length);
      const labels = count(svg, /<text class="l"/g);
      expect(labels).toBeGreaterThan(4 * 20);
      expect(labels).toBeLessThan(5000 / 5);
      // Labels of one lane never overlap (11px monospace: under 6.4px a character).
      const byLane = new Map<string, { x: number; chars: number }[]>();
      for (const m of svg.matchAll(/<text class="l" x="([\d.-]+)" y="(\d+)">(.*?)<\/text>/g)) {
        const chars = m[3]!.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, '_').length;
        byLane.set(m[2]!, [...(byLane.get(m[2]!) ?? []), { x: Number(m[1]), chars }]);
      }
      expect(byLane.size).toBe(4);
      for (const row of byLane.values()) {
        for (let i = 1; i < row.length; i++) expect(row[i]!.x).toBeGreaterThanOrEqual(row[i - 1]!.x + row[i - 1]!.chars * 6.4);
      }
      // The labelled marks and those a label counts (" +k") are every mark.
      const counted = [...svg.matchAll(/<tspan class="more"> \+(\d+)<\/tspan>/g)].reduce((s, m) => s + Number(m[1]), 0);
      expect(labels + counted).toBe(5000);
      expect(svg.length).toBeLessThan(1_500_000);
    });

    it('draws at most maxSteps steps: the first fifth and the end, with the gap said', () => {
      const svg = renderSwimlane(long, { maxSteps: 1000 });
      const steps = [...svg.matchAll(/data-step="(\d+)"/g)].map((m) => Number(m[1]));
      expect(steps).toHaveLength(1000);
      expect(steps.slice(0, 200)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(steps.slice(200)).toEqual(Array.from({ length: 800 }, (_, i) => 4201 + i));
      expect(svg).toContain('⋯ 4,000 steps not drawn ⋯');
      // Arrows from steps not drawn are left out.
      for (const m of svg.matchAll(/data-from="(\d+)" data-to="(\d+)"/g)) {
        expect(steps).toContain(Number(m[1]));
        expect(steps).toContain(Number(m[2]));
      }
    });
  });
});
