import { NondeterminismError } from '../errors.js';
import { runOnce } from '../explore/explore.js';
import type { Strategy } from '../explore/strategy.js';
import type { ResolvedOptions } from '../options.js';
import type { ExecutionResult } from '../runtime/execution.js';
import type { Scenario } from '../runtime/scenario.js';
import type { Shard } from './options.js';

/**
 * Subtrees wanted per part (worker or shard): enough that parts whose
 * subtrees differ in size still end at about the same time.
 */
export const SUBTREES_PER_PART = 16;

/** Deeper than this, a split is not worth its cost. */
const MAX_DEPTH = 48;

/** The choice tree cut at `depth`: the prefix of each subtree, in depth-first order. */
export interface Split {
  depth: number;
  /** Move indices of the first choice points; shorter than `depth` for an execution that ended above it. */
  prefixes: number[][];
}

/**
 * Depth-first search that abandons every execution at choice point `depth`
 * and records the path that led there: the prefixes of the subtrees at that
 * depth. An execution that ends above it is a subtree of one execution.
 */
class PrefixWalk implements Strategy {
  readonly name = 'exhaustive' as const;
  exhausted = false;
  readonly prefixes: number[][] = [];
  private readonly counts: number[] = [];
  private readonly picks: number[] = [];
  private d = 0;

  constructor(private readonly depth: number) {}

  begin(): boolean {
    this.d = 0;
    return !this.exhausted;
  }

  choose(count: number): number {
    const d = this.d++;
    if (d === this.depth) {
      this.prefixes.push(this.picks.slice(0, d));
      return -1;
    }
    if (d < this.counts.length) {
      if (this.counts[d] !== count) {
        throw new NondeterminismError(
          `the scenario is not deterministic: choice point ${d + 1} had ${this.counts[d]} enabled moves before and ${count} now, under the same schedule`,
        );
      }
      return this.picks[d]!;
    }
    this.counts.push(count);
    this.picks.push(0);
    return 0;
  }

  end(result: ExecutionResult | null): void {
    if (result !== null) this.prefixes.push(this.picks.slice(0, this.d));
    let k = Math.min(this.d, this.counts.length) - 1;
    while (k >= 0 && this.picks[k] === this.counts[k]! - 1) k--;
    if (k < 0) {
      this.exhausted = true;
      return;
    }
    this.picks[k]!++;
    this.counts.length = k + 1;
    this.picks.length = k + 1;
  }
}

async function prefixesAt(
  scenario: Scenario,
  opts: ResolvedOptions,
  depth: number,
): Promise<{ prefixes: number[][]; deeper: boolean }> {
  const walk = new PrefixWalk(depth);
  const config = { maxSteps: opts.maxSteps, waitForTasks: opts.waitForTasks, trace: false };
  let deeper = false;
  while (walk.begin()) {
    const r = await runOnce(scenario, config, walk);
    if (r === null) deeper = true;
    walk.end(r);
  }
  return { prefixes: walk.prefixes, deeper };
}

/**
 * Cuts the choice tree at the shallowest depth that gives at least `want`
 * subtrees (or at the leaves). Deterministic: the same scenario and `want`
 * give the same split on every machine, which is what lets shards agree.
 */
export async function splitTree(scenario: Scenario, opts: ResolvedOptions, want: number): Promise<Split> {
  let last: Split = { depth: 0, prefixes: [[]] };
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const { prefixes, deeper } = await prefixesAt(scenario, opts, depth);
    last = { depth, prefixes };
    if (prefixes.length >= want || !deeper) break;
  }
  return last;
}

/** The subtrees of one shard: every count-th, so that shards get alike mixes of early and late subtrees. */
export function shardPrefixes(split: Split, shard: Shard): number[][] {
  return split.prefixes.filter((_, j) => j % shard.count === shard.index - 1);
}

/** The executions of one shard of a sample of `total`: a contiguous range [from, to). */
export function shardRange(total: number, shard: Shard): [number, number] {
  return [Math.floor(((shard.index - 1) * total) / shard.count), Math.floor((shard.index * total) / shard.count)];
}

/** [from, to) cut into at most `parts` contiguous ranges of nearly equal size, none empty. */
export function chunks(from: number, to: number, parts: number): [number, number][] {
  const n = Math.max(1, Math.min(parts, to - from));
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = from + Math.floor((i * (to - from)) / n);
    const b = from + Math.floor(((i + 1) * (to - from)) / n);
    if (b > a) out.push([a, b]);
  }
  return out;
}
