/**
 * Ask a worker for an answer, but wait at most a second — Go's `select` with
 * a timeout:
 *
 *   go func() { answer <- backend() }()
 *   select {
 *   case v := <-answer:             fmt.Println("answer", v)
 *   case <-time.After(time.Second): fmt.Println("timed out")
 *   }
 *
 * The backend takes half a second or two seconds (a `choose`, so the
 * exploration tries both). Then the program goes on for a while.
 *
 * Expected verdict:
 * - `select-timeout` (the answer channel has a buffer of one): 2 outcomes —
 *   "answer 42 after 500ms", or "timed out after 1000ms" — and no task left
 *   behind in either: a late answer goes into the buffer and the worker
 *   finishes. Finding `ordering` only (more than one outcome); exit code 1.
 * - `select-timeout-leak` (an unbuffered answer channel, the classic Go
 *   goroutine leak): the same 2 outputs, but after the timeout nobody will
 *   ever receive the late answer, so the worker stays blocked on its send
 *   until the program ends (unfinished: worker). Findings `ordering` and
 *   `unfinished`; exit code 1.
 */
import type { Scenario } from 'interleave';

function story(name: string, buffer: number, description: string): Scenario {
  return {
    name,
    description,
    async main({ go, channel, select, after, choose, sleep, print, now }) {
      const answer = channel<number>(buffer, 'answer');
      go(async () => {
        await sleep(await choose([500, 2000])); // the backend is fast, or slow
        await answer.send(42);
      }, 'worker');
      const r = await select([answer, after(1000)]);
      if (r.index === 0) await print(`answer ${r.value} after ${now()}ms`);
      else await print(`timed out after ${now()}ms`);
      await sleep(1500); // the program goes on
    },
  };
}

export default [
  story('select-timeout', 1, 'an answer or a timeout; a buffer of one lets a late worker finish'),
  story('select-timeout-leak', 0, 'the same over an unbuffered channel: a late worker blocks forever'),
];
