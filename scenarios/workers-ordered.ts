/**
 * The seed program, synchronized all the way: the workers hand their lines
 * back, and main prints them in a fixed order after joining both.
 *
 * Expected verdict: one outcome, no finding, exit code 0 — whatever order
 * the workers run in, the output is the same.
 */
import { defineScenario } from 'interleave';

export default defineScenario({
  name: 'workers-ordered',
  async main({ go, sleep, print, now }) {
    const worker = async (name: string) => {
      const lines = [`${name}: doing my work...`];
      await sleep(2000);
      lines.push(`${name}: done`);
      return lines;
    };
    const pam = go(() => worker('Pam'), 'Pam');
    const jim = go(() => worker('Jim'), 'Jim');
    for (const line of [...(await pam.join()), ...(await jim.join())]) await print(line);
    await print(`all work was done in ${now() / 1000} seconds`);
  },
});
