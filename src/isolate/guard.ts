/**
 * A watchdog for explorations that run in the caller's own thread — the
 * vitest matchers and `exploreTest` without `isolate`. A task stuck in
 * synchronous code (`while (true) {}`) blocks that thread for good: no timer,
 * no test timeout and no signal handler of it can run again. So a second
 * thread reads the probe the executions write (runtime/probe.ts) and, when
 * an execution has taken no step for the limit, writes what it knows to
 * stderr itself (the task, the step, the schedule that led there) and ends
 * the process: a test run that fails with the reason, instead of one that
 * never ends. Nothing short of that frees the thread; `isolate: true` runs
 * the scenario in a worker that can be stopped and reports a `hang` finding
 * instead.
 */
import inspector from 'node:inspector';
import { createProbe, probe, setProbe } from '../runtime/probe.js';
import { ownWorker } from './thread.js';

/**
 * The default limit in the caller's thread: long, since what it ends is the
 * process, and another test's long synchronous work between two steps of an
 * exploration (tests that run concurrently) must not be taken for a hang.
 */
export const IN_THREAD_STEP_TIMEOUT = 30_000;

/** Choices the probe keeps for the message. */
const PROBE_CHOICES = 4096;

/** What the guard thread is given: shared memory only. */
export interface GuardInput {
  probe: Int32Array;
  /** [0]: ms without a step while an execution is in flight before the process is ended. */
  limits: Int32Array;
  /** [0]: length, then the code units of the name of the scenario explored last. */
  label: Int32Array;
}

let guard: { limits: Int32Array; label: Int32Array } | undefined;

/** Code units of the scenario name the guard keeps for its message. */
const LABEL_CHARS = 128;

/**
 * Watches this thread's executions from now on: one that takes no step for
 * `limitMs` ends the process with a message on stderr naming `scenario`.
 * Called again, it updates the limit and the name; the guard thread never
 * keeps the process alive.
 * Does nothing in a thread that already has a probe (an isolation worker,
 * whose own watchdog stops it), when a debugger may be attached (a pause at a
 * breakpoint is not a hang), with `INTERLEAVE_GUARD=0` in the environment,
 * or for a limit that is not a finite number above 0 (`Infinity`: no limit).
 */
export function guardThisThread(limitMs: number, scenario: string): void {
  // A process that may be paused in a debugger must not be ended; nor one whose user said so.
  const off = debugging() || process.env.INTERLEAVE_GUARD === '0';
  if (guard === undefined) {
    // An isolation worker has its own watchdog.
    if (probe !== null || off) return;
    guard = start();
  }
  // 0 is "off": no limit (Infinity), or a debugger attached since. Limits beyond an Int32 are as good as none.
  const limit = off || !(limitMs > 0) || limitMs >= 2 ** 31 ? 0 : Math.ceil(limitMs);
  Atomics.store(guard.limits, 0, limit);
  const n = Math.min(scenario.length, LABEL_CHARS);
  for (let i = 0; i < n; i++) Atomics.store(guard.label, 1 + i, scenario.charCodeAt(i));
  Atomics.store(guard.label, 0, n);
}

/** A debugger is or may be attached: the inspector is open, or the process was started to open it. */
function debugging(): boolean {
  if (inspector.url() !== undefined) return true;
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return /--inspect/.test(flags);
}

function start(): { limits: Int32Array; label: Int32Array } {
  const p = createProbe(PROBE_CHOICES);
  const limits = new Int32Array(new SharedArrayBuffer(4));
  const label = new Int32Array(new SharedArrayBuffer((1 + LABEL_CHARS) * 4));
  const input: GuardInput = { probe: p, limits, label };
  const worker = ownWorker('guard-thread', { workerData: input });
  worker.unref();
  // The guard only ever ends the process; an error of its own must not.
  worker.on('error', () => {});
  setProbe(p);
  return { limits, label };
}
