/**
 * The probe names the task go() started last, so the watchdog of an isolated
 * run can name a task that hangs before its first await (no step of the run
 * before it knew that task). Written in place, read from another thread.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { replay } from '../../../src/api.js';
import { createProbe, NAME_CHARS, NAME_TASK, probedName, probeSpawn, setProbe, TASK } from '../../../src/runtime/probe.js';
import type { Scenario } from '../../../src/runtime/scenario.js';

afterEach(() => setProbe(null));

describe('probe: the name of the task go() started last', () => {
  it('a fresh probe names no task', () => {
    const p = createProbe(4);
    expect(p[NAME_TASK]).toBe(-1);
    expect(probedName(p, 0)).toBeUndefined();
  });

  it('reads back the name written for that id, cut to NAME_CHARS code units with …; no name for another id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3 * NAME_CHARS }), fc.nat(10_000), fc.nat(10_000), (name, id, other) => {
        const p = createProbe(4);
        probeSpawn(p, id, name);
        expect(p[TASK]).toBe(id);
        expect(probedName(p, id)).toBe(name.length <= NAME_CHARS ? name : `${name.slice(0, NAME_CHARS)}…`);
        if (other !== id) expect(probedName(p, other)).toBeUndefined();
      }),
    );
  });

  it('a shorter name after a longer one is not mixed with it', () => {
    const p = createProbe(4);
    probeSpawn(p, 1, 'a-long-task-name');
    probeSpawn(p, 2, 'ab');
    expect(probedName(p, 2)).toBe('ab');
    expect(probedName(p, 1)).toBeUndefined();
  });

  it('an execution writes each go() as it starts, and the next execution starts over with main', async () => {
    const p = createProbe(64);
    setProbe(p);
    const twoTasks: Scenario = {
      name: 'two',
      async main({ go, print }) {
        go(() => print('a'), 'first');
        go(() => print('b'), 'second');
        await print('main');
      },
    };
    await replay(twoTasks, { seed: 1 });
    expect(probedName(p, 2)).toBe('second');
    expect(probedName(p, 1)).toBeUndefined();
    const alone: Scenario = {
      name: 'alone',
      async main({ print }) {
        await print('main');
      },
    };
    await replay(alone, { seed: 1 });
    expect(probedName(p, 0)).toBe('main');
    expect(probedName(p, 2)).toBeUndefined();
  });
});
