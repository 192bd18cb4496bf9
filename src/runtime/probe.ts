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
/**
 * Id of the task go() started last, whose name is in the name slots. A task
 * that spins before its first await did not exist in the steps before, so a
 * re-run of those cannot name it: this can. Each execution starts main, so
 * it is never one of the execution before.
 */
export const NAME_TASK = 7;
/** Length of that name, in UTF-16 code units (at most NAME_CHARS are kept). */
export const NAME_LENGTH = 8;
/** 1 while the step's operation itself runs (io's or update's function): a hang there is inside the step. */
export const FIRING = 9;
/** First slot of the name, one UTF-16 code unit a slot. */
export const NAME0 = 10;
/** Code units of a name the probe keeps. */
export const NAME_CHARS = 64;
/** First slot of the current execution's choices (move codes, see move.ts). */
export const CHOICE0 = NAME0 + NAME_CHARS;

/** A probe with room for `choices` choices. */
export function createProbe(choices: number): Int32Array {
  const p = new Int32Array(new SharedArrayBuffer((CHOICE0 + choices) * Int32Array.BYTES_PER_ELEMENT));
  p[NAME_TASK] = -1;
  return p;
}

/** The probe the executions of this thread write to, if any. */
export let probe: Int32Array | null = null;

export function setProbe(p: Int32Array | null): void {
  probe = p;
}

/** go() starts task `id`: its code runs now, under this name (no allocation: the probe is written in place). */
export function probeSpawn(p: Int32Array, id: number, name: string): void {
  p[TASK] = id;
  p[NAME_TASK] = -1;
  const n = Math.min(name.length, NAME_CHARS);
  for (let i = 0; i < n; i++) p[NAME0 + i] = name.charCodeAt(i);
  p[NAME_LENGTH] = name.length;
  p[NAME_TASK] = id;
}

/** The name of task `id`, if it is the task go() started last (read from another thread). */
export function probedName(p: Int32Array, id: number): string | undefined {
  if (Atomics.load(p, NAME_TASK) !== id) return undefined;
  const length = Atomics.load(p, NAME_LENGTH);
  const n = Math.min(length, NAME_CHARS);
  const units: number[] = [];
  for (let i = 0; i < n; i++) units.push(Atomics.load(p, NAME0 + i));
  const name = String.fromCharCode(...units);
  return length > n ? `${name}…` : name;
}

/** The current execution's choices as far as the probe kept them, and how many it made (read from another thread). */
export function probedChoices(p: Int32Array): { choices: number[]; made: number } {
  const made = Atomics.load(p, CHOICES);
  const kept = Math.min(made, p.length - CHOICE0);
  const choices: number[] = [];
  for (let i = 0; i < kept; i++) choices.push(Atomics.load(p, CHOICE0 + i));
  return { choices, made };
}
