/**
 * The seed program (Go): two workers and a main that waits by sleeping.
 *
 *   go worker("Pam"); go worker("Jim")
 *   time.Sleep(3 * time.Second) // let's wait for Pam and Jim
 *
 * Expected verdict: 4 outcomes (the two "doing" lines in either order, times
 * the two "done" lines in either order); findings `ordering` (no
 * synchronization orders the workers' lines) and `timing` (main's last line
 * comes after the workers' "done" lines only because 3 s > 2 s: nothing
 * synchronizes them); exit code 1. With `--jitter 0.5`, main can print
 * before a worker is done.
 */
import { defineScenario } from 'interleave'; // optional: only for typing

export default defineScenario({
  name: 'workers',
  async main({ go, sleep, print, now }) {
    const worker = async (name: string) => {
      await print(`${name}: doing my work...`);
      await sleep(2000);
      await print(`${name}: done`);
    };
    go(() => worker('Pam'), 'Pam');
    go(() => worker('Jim'), 'Jim');
    await sleep(3000);
    await print(`all work was done in ${now() / 1000} seconds`);
  },
});
