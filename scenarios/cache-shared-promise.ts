/**
 * The async cache fixed: a miss stores the in-flight fetch's promise at once
 * (`inflight.get(key) ?? start(key)`), before any await, so a second request
 * for the key awaits the same fetch instead of starting another. Awaiting
 * another task's io promise is an operation of the awaiting task
 * (`await io fetch:user:1 (of r1)`): it resumes once the fetch has completed,
 * with the same value.
 *
 * Expected verdict: one outcome, both requests got fetch #1, exactly one
 * fetch in every schedule; no finding (no `violation`, no `race`); exit code 0.
 * Exhaustive exploration: 8 executions.
 */
export default {
  name: 'cache-shared-promise',
  async main({ go, io, yieldNow, print, assert }) {
    let fetches = 0;
    const fetchProfile = (key: string) => io(`fetch:${key}`, () => `${key} (fetch #${++fetches})`);

    const values = new Map<string, string>();
    const inflight = new Map<string, Promise<string>>();
    const start = (key: string): Promise<string> => {
      const p = fetchProfile(key);
      inflight.set(key, p); // before any await: the next request finds it
      return p;
    };
    const getOrFetch = async (key: string): Promise<string> => {
      const hit = values.get(key);
      if (hit !== undefined) return hit;
      const value = await (inflight.get(key) ?? start(key));
      values.set(key, value);
      inflight.delete(key);
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
