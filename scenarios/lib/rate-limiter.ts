/**
 * A fixed-window rate limiter, written as ordinary async TypeScript with its
 * dependencies passed in — the kind of module an application already has.
 * Nothing here knows about interleave: scenarios/rate-limiter.ts explores it
 * by passing a store whose calls are interleave `io` operations and the
 * virtual clock.
 */

/** Where the counters live: an async key-value store (Redis, a database, a cache service). */
export interface CounterStore {
  get(key: string): Promise<number | undefined>;
  set(key: string, value: number): Promise<void>;
  /** Adds 1 and returns the new value in one operation (Redis INCR, an UPDATE … RETURNING). */
  increment(key: string): Promise<number>;
}

export interface Clock {
  /** Milliseconds. */
  now(): number;
}

export interface LimiterOptions {
  store: CounterStore;
  clock: Clock;
  /** Requests allowed per key and window. */
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** True when the request may go ahead: fewer than `limit` were admitted for `key` in this window. */
  tryAcquire(key: string): Promise<boolean>;
}

const counterKey = (key: string, clock: Clock, windowMs: number): string =>
  `rate:${key}:${Math.floor(clock.now() / windowMs)}`;

/**
 * Reads the count, compares, writes the count + 1. Correct when one request
 * runs at a time — and wrong under concurrency: two requests can both read
 * the same count before either writes (a lost update), and both are admitted.
 */
export function createRateLimiter({ store, clock, limit, windowMs }: LimiterOptions): RateLimiter {
  return {
    async tryAcquire(key) {
      const k = counterKey(key, clock, windowMs);
      const used = (await store.get(k)) ?? 0;
      if (used >= limit) return false;
      await store.set(k, used + 1);
      return true;
    },
  };
}

/**
 * The fix: one atomic increment decides. Every request takes a distinct
 * number, so exactly `limit` of them get one at or below the limit.
 */
export function createAtomicRateLimiter({ store, clock, limit, windowMs }: LimiterOptions): RateLimiter {
  return {
    async tryAcquire(key) {
      return (await store.increment(counterKey(key, clock, windowMs))) <= limit;
    },
  };
}
