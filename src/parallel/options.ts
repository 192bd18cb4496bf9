import { OptionError, describeValue } from '../errors.js';
import type { ExploreOptions, ResolvedOptions } from '../options.js';

/** One shard of a split search: `index` of `count`, from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** How a search is split; undefined when it runs in one piece. */
export interface ParallelOptions {
  workers: number;
  shard: Shard | undefined;
}

/** Worker threads beyond this buy nothing but memory. */
const MAX_WORKERS = 256;

/** `--shard i/n` or `{ index, count }`, checked. */
export function parseShard(v: unknown): Shard {
  let index: unknown;
  let count: unknown;
  if (typeof v === 'string') {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(v);
    if (m !== null) {
      index = Number(m[1]);
      count = Number(m[2]);
    }
  } else if (v !== null && typeof v === 'object') {
    ({ index, count } = v as Partial<Shard>);
  }
  const whole = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
  if (!whole(index) || !whole(count) || count < 1 || index < 1 || index > count) {
    const got = typeof v === 'string' ? JSON.stringify(v) : describeValue(v);
    throw new OptionError(`Expected \`shard\` (--shard) to be i/n with 1 ≤ i ≤ n, such as 1/4, got ${got}`);
  }
  return { index, count };
}

/**
 * The split asked for by `workers` and `shard`, or undefined for a run in one
 * piece. Only exhaustive and random explorations split; workers need the
 * scenario's file, since a scenario object cannot be sent to another thread.
 */
export function resolveParallel(options: ExploreOptions, opts: ResolvedOptions): ParallelOptions | undefined {
  const workers = options.workers ?? 1;
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new OptionError(
      `Expected \`workers\` (--workers) to be a whole number from 1 to ${MAX_WORKERS}, got ${describeValue(workers)}`,
    );
  }
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  if (workers === 1 && shard === undefined) return undefined;
  const flag = workers > 1 ? '`workers` (--workers)' : '`shard` (--shard)';
  if (opts.strategy !== 'exhaustive' && opts.strategy !== 'random') {
    const hint = opts.strategy === 'dpor' ? ' (dpor, the default, runs in one piece: add --strategy exhaustive)' : '';
    throw new OptionError(
      `${flag} splits an exhaustive or random exploration, not ${describeValue(opts.strategy)}${hint}`,
    );
  }
  if (opts.untilConfident !== undefined) {
    // Each part would stop on its own estimate, which is not the estimate of the whole sample.
    throw new OptionError(
      `${flag} cannot split a sample that stops by itself (--until-confident); run it in one piece`,
    );
  }
  if (workers > 1 && opts.file === undefined) {
    throw new OptionError(
      "`workers` (--workers) needs the scenario's file: each worker thread loads the scenario from it, since a scenario " +
        'object cannot be sent to another thread; pass `file` (the CLI always does)',
    );
  }
  return { workers, shard };
}
