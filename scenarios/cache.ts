/**
 * The JavaScript story: an async cache whose `getOrFetch(key)` checks for
 * the key, and on a miss awaits a fetch and stores the result. The check and
 * the store are separated by the fetch's `await`, so two requests for the
 * same key can both miss and both fetch (check-then-act). The backend is an
 * `io` stand-in: interleave picks when each fetch completes.
 *
 * Expected verdict: 3 outcomes (main prints what each request got): both got
 * fetch #1 (one fetch, ok); or r1 got fetch #1 and r2 fetch #2, or the other
 * way round (two fetches: result `violation` from the assert that the key was
 * fetched once); findings `ordering` and `violation`, no `race` (the cache's
 * maps are plain JavaScript state, atomic between awaits); exit code 1.
 * Exhaustive exploration: 12 executions.
 */
export default {
  name: 'cache',
  async main({ go, io, yieldNow, print, assert }) {
    let fetches = 0;
    // The backend: each call is one request, numbered as it completes.
    const fetchProfile = (key: string) => io(`fetch:${key}`, () => `${key} (fetch #${++fetches})`);

    const values = new Map<string, string>();
    const getOrFetch = async (key: string): Promise<string> => {
      const hit = values.get(key);
      if (hit !== undefined) return hit;
      const value = await fetchProfile(key); // check, then act: another request can miss meanwhile
      values.set(key, value);
      return value;
    };

    const request = (name: string) =>
      go(async () => {
        await yieldNow(); // the request arrives
        return getOrFetch('user:1');
      }, name);
    const r1 = request('r1');
    const r2 = request('r2');
    await print(`r1 got ${await r1.join()}`);
    await print(`r2 got ${await r2.join()}`);
    assert(fetches === 1, `user:1 was fetched ${fetches} times`);
    return fetches;
  },
} satisfies import('interleave').Scenario;
