/**
 * Where an execution says how far it has got, for a watchdog on another
 * thread (see src/isolate). A task stuck in synchronous code (`while (true)
 * {}`) blocks its thread's event loop, so it can post nothing once it spins:
 * the only way to learn what it was doing is memory the other thread can read.
 * So each step writes a few integers into a SharedArrayBuffer — no allocation,
 * no message — and the watchdog reads them: a beat that stops moving is a
 * hang, and the rest says which task, at which step, under which schedule.
 *
 * Without a probe (the default, and in-process explorations) the runtime
 * writes nothing.
 */

/** Incremented by every step and every execution start: progress. */
export const BEAT = 0;
/** Executions started (including re-runs), so the current one is `EXECUTION - 1`. */
export const EXECUTION = 1;
/** Steps taken by the current execution; the step in progress when it stopped. */
export const STEP = 2;
/** Id of the task whose code runs now (the task the last step resumed, or one go() is starting). */
export const TASK = 3;
/** Choices made by the current execution; those below the capacity are in the slots from CHOICE0. */
export const CHOICES = 4;
/** Alternative of the last step's move. */
export const ALT = 5;
/** 1 while an execution is in flight: only then is a beat that stops a hang of the scenario's code. */
export const IN_EXECUTION = 6;
/** First slot of the current execution's choices (move codes, see move.ts). */
export const CHOICE0 = 8;

/** A probe with room for `choices` choices. */
export function createProbe(choices: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer((CHOICE0 + choices) * Int32Array.BYTES_PER_ELEMENT));
}

/** The probe the executions of this thread write to, if any. */
export let probe: Int32Array | null = null;

export function setProbe(p: Int32Array | null): void {
  probe = p;
}
