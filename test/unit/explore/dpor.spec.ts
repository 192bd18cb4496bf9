/**
 * Partial-order reduction: the same outcomes as exhaustive search, on every
 * program, with exactly one execution per equivalence class.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, type Exploration, type Scenario } from '../../../src/index.js';
import { stepClocks } from '../../../src/explore/dpor.js';
import { Exhaustive } from '../../../src/explore/exhaustive.js';
import { runExploration } from '../../../src/explore/explore.js';
import { resolveOptions } from '../../../src/options.js';
import type { DepLog } from '../../../src/runtime/deps.js';
import type { Execution, ExecutionResult } from '../../../src/runtime/execution.js';
import { independent } from '../../../scenarios/independent.js';
import { readers } from '../../../scenarios/readers.js';
import { richProgramArb, richScenario } from './rich-programs.js';
import { lostUpdate } from '../support.js';

const outcomeKeys = (r: Exploration): string[] =>
  r.outcomes.map((o) => JSON.stringify([o.output, o.value, o.result, o.unfinished])).sort();

/**
 * Exhaustive search that also names each execution's equivalence class: its
 * steps in a canonical order (repeatedly the lowest task among the steps
 * whose dependence predecessors are all placed), which two executions share
 * exactly when they order every pair of dependent steps the same way.
 */
class ClassCounter extends Exhaustive {
  readonly forcedSteps = true;
  readonly depKeys = new Map<string, number>();
  readonly classes = new Set<string>();
  private deps: DepLog | null = null;

  override choose(count: number, exec: Execution): number {
    this.deps = exec.deps;
    return count === 1 ? 0 : super.choose(count, exec);
  }

  override end(result: ExecutionResult | null): void {
    if (result !== null) this.classes.add(this.deps === null ? '' : canonical(this.deps)); // no step: one (empty) class
    this.deps = null;
    super.end(result);
  }
}

function canonical(deps: DepLog): string {
  const n = deps.steps;
  const clocks = stepClocks(deps);
  const placed = new Array<boolean>(n + 1).fill(false);
  const index: number[] = []; // per step: its index in its task
  const count: number[] = [];
  for (let s = 1; s <= n; s++) {
    const t = deps.task[s]!;
    index[s] = count[t] = (count[t] ?? 0) + 1;
  }
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    let best = -1;
    for (let s = 1; s <= n; s++) {
      if (placed[s]) continue;
      let ready = true;
      for (let a = 1; a < s && ready; a++) {
        if (!placed[a] && (clocks[s]![deps.task[a]!] ?? 0) >= a) ready = false;
      }
      if (ready && (best < 0 || deps.task[s]! < deps.task[best]!)) best = s;
    }
    placed[best] = true;
    out.push(`${deps.task[best]}.${index[best]}:${deps.alt[best]}`);
  }
  return out.join(' ');
}

async function classesOf(s: Scenario): Promise<{ executions: number; classes: number }> {
  const strategy = new ClassCounter();
  const raw = await runExploration(s, resolveOptions(s, { maxExecutions: 1e6 }), strategy);
  return { executions: raw.executions, classes: strategy.classes.size };
}

describe('dpor', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('readers(%i): exactly 2^n executions, one per class', async (n) => {
    const r = await explore(readers(n), { strategy: 'dpor' });
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(2 ** n);
    expect(r.redundant).toBe(0);
    expect(r.outcomes).toHaveLength(2 ** n);
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering', 'race']);
  });

  it.each([2, 3, 4])('independent(%i): tasks on disjoint variables take exactly 1 execution', async (k) => {
    const r = await explore(independent(k), { strategy: 'dpor' });
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(1);
    expect(r.outcomes.map((o) => o.value)).toEqual([Array.from({ length: k }, () => 3)]);
    expect(r.findings).toEqual([]);
  });

  it('the class counter agrees with the arithmetic on readers(3) and independent(2)', async () => {
    expect(await classesOf(readers(3))).toEqual({ executions: 105, classes: 8 });
    expect(await classesOf(independent(2))).toMatchObject({ classes: 1 });
  });

  it('random programs: the outcomes and finding kinds of exhaustive search, one execution per class', async () => {
    await fc.assert(
      fc.asyncProperty(richProgramArb, async (p) => {
        const s = richScenario(p);
        const all = await explore(s, { strategy: 'exhaustive', maxExecutions: 1e6 });
        const red = await explore(s, { strategy: 'dpor', maxExecutions: 1e6 });
        expect(red.complete).toBe(true);
        expect(outcomeKeys(red)).toEqual(outcomeKeys(all));
        expect(red.findings.map((f) => f.kind)).toEqual(all.findings.map((f) => f.kind));
        expect(red.executions).toBeLessThanOrEqual(all.executions);
        const { classes } = await classesOf(s);
        expect(red.executions).toBe(classes);
      }),
      { numRuns: 150, seed: 20261127 },
    );
  }, 120_000);

  it('every scenario in scenarios/: the outcomes and finding kinds of exhaustive search', async () => {
    const dir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
    const checked: string[] = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
      const mod = (await import(`${dir}${f}`)) as { default: Scenario | Scenario[] };
      for (const s of ([] as Scenario[]).concat(mod.default)) {
        const all = await explore(s, { strategy: 'exhaustive', maxExecutions: 20_000 });
        if (!all.complete) continue; // too big for the comparison (independent(4), readers(8) ...)
        const red = await explore(s, { strategy: 'dpor' });
        expect(outcomeKeys(red), s.name).toEqual(outcomeKeys(all));
        expect(red.findings.map((x) => x.kind), s.name).toEqual(all.findings.map((x) => x.kind));
        expect(red.executions, s.name).toBeLessThanOrEqual(all.executions);
        checked.push(s.name);
      }
    }
    expect(checked).toContain('workers');
    expect(checked).toContain('dining-philosophers');
  }, 120_000);
});

describe('dpor with a preemption bound', () => {
  it('bound 0: only the runs without preemptions, and the search says it is incomplete', async () => {
    const r = await explore(lostUpdate, { strategy: 'dpor', preemptions: 0 });
    expect(r.outcomes.map((o) => o.value)).toEqual([2]);
    expect(r.complete).toBe(false);
    expect(r.stopReason).toBe('preemption-bound');
  });

  it('bound 1: the lost update (one preemption) is found', async () => {
    const r = await explore(lostUpdate, { strategy: 'dpor', preemptions: 1 });
    expect(r.outcomes.map((o) => o.value).sort()).toEqual([1, 2]);
  });

  it('a bound no path reaches leaves the search complete and exact', async () => {
    const all = await explore(lostUpdate, { strategy: 'dpor' });
    const r = await explore(lostUpdate, { strategy: 'dpor', preemptions: 10 });
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(all.executions);
    expect(outcomeKeys(r)).toEqual(outcomeKeys(all));
  });
});

describe('dpor under the virtual clock: timers', () => {
  it('a ticker read by two tasks, an after and sleeps: the outcomes of exhaustive search', async () => {
    const s: Scenario = {
      name: 'timers',
      async main({ go, ticker, after, sleep, print, select, now }) {
        const tk = ticker(100);
        ['A', 'B'].forEach((n) =>
          go(async () => {
            for (let i = 0; i < 2; i++) await print(`${n} tick at ${await tk.channel.recv()} (now ${now()})`);
          }, n),
        );
        const late = go(async () => {
          await sleep(150);
          await print('late at 150');
        }, 'L');
        const r = await select([after(250), tk.channel]);
        await print(`main: case ${r.index} at ${now()}`);
        tk.stop();
        await late.join();
        return now();
      },
    };
    const all = await explore(s, { strategy: 'exhaustive', maxExecutions: 1e6 });
    const red = await explore(s, { strategy: 'dpor' });
    expect(all.complete && red.complete).toBe(true);
    expect(outcomeKeys(red)).toEqual(outcomeKeys(all));
    expect(red.findings.map((f) => f.kind)).toEqual(all.findings.map((f) => f.kind));
    expect(red.executions).toBeLessThanOrEqual(all.executions);
  });

  it('progress: an estimate that never goes down and ends at 1', async () => {
    const { Dpor } = await import('../../../src/explore/dpor.js');
    const d = new Dpor();
    const seen: number[] = [];
    await runExploration(readers(4), resolveOptions(readers(4), {}), {
      name: 'dpor',
      forcedSteps: true,
      depKeys: d.depKeys,
      get exhausted() {
        return d.exhausted;
      },
      begin: () => d.begin(),
      choose: (n, e) => d.choose(n, e),
      end: (r) => {
        d.end(r);
        seen.push(d.progress());
      },
    });
    expect(seen).toHaveLength(16);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(seen[7]!).toBeGreaterThan(0);
  });
});
