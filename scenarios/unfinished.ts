/**
 * The seed program without the `time.Sleep`: main returns at once and, as in
 * Go, the program ends there, whatever the workers were doing.
 *
 * Expected verdict: 5 outcomes (main's line alone, after Pam's or Jim's
 * "doing" line, or after both in either order), every one with Jim and Pam
 * unfinished; findings `ordering` and `unfinished`, exit code 1.
 */
export default {
  name: 'unfinished',
  async main({ go, sleep, print }) {
    const worker = async (name: string) => {
      await print(`${name}: doing my work...`);
      await sleep(2000);
      await print(`${name}: done`);
    };
    go(() => worker('Pam'), 'Pam');
    go(() => worker('Jim'), 'Jim');
    await print('main: bye');
  },
} satisfies import('interleave').Scenario;
