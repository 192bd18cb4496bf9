/**
 * Testing code that already exists: the rate limiter of scenarios/lib/
 * rate-limiter.ts, unchanged, given a store whose every call is an `io`
 * operation (the scheduler picks when each read and write reaches the store)
 * and interleave's virtual clock. Concurrent requests are tasks.
 *
 * Expected verdict, for 3 concurrent requests and a limit of 2:
 * - `rate-limiter`: 2 outcomes — 2 requests admitted, or all 3 when two of
 *   them read the counter before either wrote it back (result `violation`:
 *   "admitted 3 requests, limit 2"); findings `ordering` and `violation`,
 *   exit code 1.
 * - `rate-limiter-atomic` (the fix, one atomic increment per request): one
 *   outcome, 2 admitted, whatever the order; no finding.
 */
import type { Runtime, Scenario } from 'interleave';
import {
  createAtomicRateLimiter,
  createRateLimiter,
  type CounterStore,
  type LimiterOptions,
  type RateLimiter,
} from './lib/rate-limiter.js';

/** An in-memory store whose calls complete when the scheduler says, as a network store's would. */
export function ioStore(io: Runtime['io']): CounterStore {
  const data = new Map<string, number>();
  return {
    get: (key) => io(`store.get ${key}`, () => data.get(key)),
    set: (key, value) =>
      io(`store.set ${key} ${value}`, () => {
        data.set(key, value);
      }),
    increment: (key) =>
      io(`store.incr ${key}`, () => {
        const n = (data.get(key) ?? 0) + 1;
        data.set(key, n);
        return n;
      }),
  };
}

export interface LimiterCase {
  /** Concurrent requests for one key. */
  requests: number;
  limit: number;
  /** Use the atomic limiter. */
  fixed?: boolean;
}

/** A scenario: `requests` concurrent requests through the limiter; main returns how many were admitted. */
export function limiterScenario({ requests, limit, fixed = false }: LimiterCase): Scenario<number> {
  return {
    name: `rate-limiter${fixed ? '-atomic' : ''}${requests === 3 && limit === 2 ? '' : `-${requests}-over-${limit}`}`,
    async main({ go, io, now, assert }) {
      const options: LimiterOptions = { store: ioStore(io), clock: { now }, limit, windowMs: 1000 };
      const limiter: RateLimiter = fixed ? createAtomicRateLimiter(options) : createRateLimiter(options);
      const handles = Array.from({ length: requests }, (_, i) =>
        go(() => limiter.tryAcquire('user-1'), `request${i + 1}`),
      );
      let admitted = 0;
      for (const h of handles) if (await h.join()) admitted++;
      assert(admitted <= limit, `admitted ${admitted} requests, limit ${limit}`);
      return admitted;
    },
  };
}

export default [limiterScenario({ requests: 3, limit: 2 }), limiterScenario({ requests: 3, limit: 2, fixed: true })];
