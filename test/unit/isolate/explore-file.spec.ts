/**
 * exploreFile(): the CLI's isolated exploration as a library call, for test
 * runners that have the scenario's file. The same result as explore() for a
 * well-behaved scenario; a hang or an exhausted heap as an outcome for a
 * hostile one; load errors as the CLI's errors.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explore, exploreFile, OptionError, ScenarioLoadError } from '../../../src/index.js';
import workers from '../../../scenarios/workers.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'interleave-isolate-'));
  await writeFile(
    join(dir, 'spin.ts'),
    "export default { name: 'spin', async main({ print }: any) { await print('before'); for (;;) {} } };\n",
  );
  await writeFile(join(dir, 'broken.ts'), 'export default { name: "broken", main: 1 };\n');
  await writeFile(join(dir, 'spin-import.ts'), "for (;;) {}\nexport default { name: 'never', async main() {} };\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exploreFile', { timeout: 120_000 }, () => {
  it('a well-behaved scenario: the same outcomes and counts as explore() in this thread', async () => {
    const [isolated] = await exploreFile('scenarios/workers.ts', { stepTimeout: 10_000 });
    const direct = await explore(workers, { file: 'scenarios/workers.ts' });
    expect(isolated!.outcomes.map((o) => [o.output, o.count, o.schedule, o.replay])).toEqual(
      direct.outcomes.map((o) => [o.output, o.count, o.schedule, o.replay]),
    );
    expect(isolated!.findings.map((f) => f.kind)).toEqual(direct.findings.map((f) => f.kind));
    expect(isolated!.complete).toBe(true);
  });

  it('while (true) {}: a hang outcome, not a frozen test', async () => {
    const [r] = await exploreFile(join(dir, 'spin.ts'), { stepTimeout: 1000 });
    expect(r!.stopReason).toBe('hang');
    expect(r!.outcomes.map((o) => [o.result, o.schedule, o.panic?.task])).toEqual([['hang', '-', 'main']]);
    expect(r!.findings.map((f) => f.kind)).toEqual(['hang']);
  });

  it('a file that does not load: the load error, as the CLI reports it', async () => {
    const f = join(dir, 'broken.ts');
    await expect(exploreFile(f)).rejects.toThrow(ScenarioLoadError);
    await expect(exploreFile(f)).rejects.toThrow(`${f}: scenario "broken" has no \`main\` function (got number)`);
  });

  it('bad limits are OptionErrors naming the option', async () => {
    await expect(exploreFile('scenarios/workers.ts', { stepTimeout: 0 })).rejects.toThrow(OptionError);
    await expect(exploreFile('scenarios/workers.ts', { maxHeapMb: 1 })).rejects.toThrow(
      'Expected `maxHeapMb` to be a whole number of MB from 16 and up, got 1 (number)',
    );
  });

  it('a module that spins at import: a load error after loadTimeout, not a frozen test', async () => {
    const f = join(dir, 'spin-import.ts');
    await expect(exploreFile(f, { loadTimeout: 1000 })).rejects.toThrow(
      `${f}: loading did not finish within 1 s (--load-timeout): does the module run an endless loop at import?`,
    );
    await expect(exploreFile(f, { loadTimeout: -1 })).rejects.toThrow(
      'Expected `loadTimeout` to be a number of milliseconds above 0, got -1 (number)',
    );
  });
});
