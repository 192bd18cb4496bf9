/**
 * Runs one job in a worker thread under a watchdog (main thread side).
 *
 * The worker's executions write their progress into a shared probe
 * (runtime/probe.ts). A timer here reads it: when an execution is in flight
 * and no step has been taken for `stepTimeout` ms, a task is stuck in
 * synchronous code — it cannot be interrupted from inside, since it blocks
 * its thread's event loop — so the worker is terminated and what the probe
 * holds (task, step, the choices that led there) says where. The worker's
 * heap is capped (resourceLimits): a scenario that allocates without bound
 * ends the worker with ERR_WORKER_OUT_OF_MEMORY, not the process.
 */
import { InterleaveError, ScenarioLoadError } from '../errors.js';
import { ALT, BEAT, createProbe, EXECUTION, FIRING, IN_EXECUTION, probedChoices, probedName, STEP, TASK } from '../runtime/probe.js';
import type { Command, Job, Reply, WorkerInput } from './protocol.js';
import { ownWorker } from './thread.js';

/** Limits of an isolated run. */
export interface IsolationLimits {
  /** Real time a step may take — the scenario's code between two operations — before the run is a `hang`. */
  stepTimeout: number;
  /** Heap of the worker, in MB; beyond it the run is `out-of-memory`. */
  maxHeapMb: number;
  /** Real time loading one scenario file (its import) may take before it counts as stuck. @default 30000 */
  loadTimeout?: number;
}

/** Real time loading one scenario file may take by default. */
export const DEFAULT_LOAD_TIMEOUT = 30_000;

/** Where the stopped run was, from the probe. */
export interface Stopped {
  why: 'hang' | 'out-of-memory';
  /** Executions the worker had started (re-runs included). */
  executionsStarted: number;
  /** The step in progress (1-based); 0 when the scenario had not reached its first step. */
  step: number;
  task: number;
  /** The task's name, when it is the task go() started last (it hung before its first await). */
  taskName?: string;
  alt: number;
  choices: number[];
  /** The probe held fewer choices than the execution made. */
  choicesTruncated: boolean;
  /** An execution was in flight (else it stopped in interleave's own code, or while loading). */
  inExecution: boolean;
  /** The step's operation itself was running (io's or update's function): the step never took effect. */
  firing: boolean;
  /** It stopped while importing a scenario file (a `loading` message was the last word). */
  loading: boolean;
  /** For a hang: the ms without progress after which it was stopped. */
  waited: number;
}

export type WorkerEnd = { kind: 'done' } | ({ kind: 'stopped' } & Stopped) | { kind: 'exited'; code: number };

/** Choices the probe keeps; a longer schedule is re-derived as far as it goes. */
const PROBE_CHOICES = 1 << 16;

/** Time allowed for interleave's own work outside executions (starting, analysis) before the worker counts as stuck. */
export function idleTimeout(limits: IsolationLimits): number {
  return Math.max(30_000, limits.stepTimeout * 10);
}

/** Time allowed for loading one scenario file (see IsolationLimits.loadTimeout). */
export function loadTimeout(limits: IsolationLimits): number {
  return limits.loadTimeout ?? DEFAULT_LOAD_TIMEOUT;
}

/** A running worker: post commands to it, say when it has work (only then can it hang), stop it. */
export interface RunningWorker {
  /** Resolves when the worker has ended, saying how. */
  ended: Promise<WorkerEnd>;
  post: (c: Command) => void;
  /** Whether a request is in flight: an idle worker waiting for the next one is not stuck. */
  busy: (b: boolean) => void;
  /** Ends the worker as planned (its work is done, or no longer wanted). */
  stop: () => void;
}

/** Starts a worker on `job`; `onMessage` sees every message it posts. It starts busy (loading its files). */
export function runWorker(job: Job, limits: IsolationLimits, onMessage: (m: Reply) => void): RunningWorker {
  const probe = createProbe(PROBE_CHOICES);
  const input: WorkerInput = { job, probe };
  const worker = ownWorker('worker', {
    workerData: input,
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(4, limits.maxHeapMb >> 3)) },
  });
  const post = (c: Command): void => worker.postMessage(c);
  let finished = false;
  let oom = false;
  let stopped: Stopped | undefined;
  let lastBeat = -1;
  let lastChange = performance.now();
  let working = true;
  // Between the worker's `loading` message and its list (or error), it imports scenario files: the load bound applies.
  let loading = false;
  const idle = idleTimeout(limits);
  const load = loadTimeout(limits);
  let waited = 0;

  const snapshot = (why: Stopped['why']): Stopped => {
    const { choices, made } = probedChoices(probe);
    const task = Atomics.load(probe, TASK);
    const taskName = probedName(probe, task);
    return {
      why,
      executionsStarted: Atomics.load(probe, EXECUTION),
      step: Atomics.load(probe, STEP),
      task,
      ...(taskName !== undefined ? { taskName } : {}),
      alt: Atomics.load(probe, ALT),
      choices,
      choicesTruncated: choices.length < made,
      inExecution: Atomics.load(probe, IN_EXECUTION) === 1,
      firing: Atomics.load(probe, FIRING) === 1,
      loading,
      waited,
    };
  };

  const timer = setInterval(
    () => {
      if (finished || stopped !== undefined) return;
      const beat = Atomics.load(probe, BEAT);
      const now = performance.now();
      if (beat !== lastBeat || !working) {
        lastBeat = beat;
        lastChange = now;
        return;
      }
      const limit = Atomics.load(probe, IN_EXECUTION) === 1 ? limits.stepTimeout : loading ? load : idle;
      if (now - lastChange >= limit) {
        waited = limit;
        stopped = snapshot('hang');
        void worker.terminate();
      }
    },
    Math.max(10, Math.min(100, limits.stepTimeout / 5)),
  );

  const ended = new Promise<WorkerEnd>((resolve) => {
    worker.on('message', (m: Reply) => {
      lastChange = performance.now();
      if (m.type === 'loading') loading = true;
      else if (m.type === 'listed' || m.type === 'error') loading = false;
      onMessage(m);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        oom = true;
        stopped ??= snapshot('out-of-memory');
      } else {
        onMessage({
          type: 'error',
          error: { name: 'InterleaveError', code: 'INTERLEAVE_WORKER', message: `the isolated run failed: ${e.message}`, stack: e.stack },
        });
      }
    });
    worker.on('exit', (code) => {
      finished = true;
      clearInterval(timer);
      if (stopped !== undefined) resolve({ kind: 'stopped', ...stopped });
      else if (oom) resolve({ kind: 'stopped', ...snapshot('out-of-memory') });
      else resolve(code === 0 || settledNormally ? { kind: 'done' } : { kind: 'exited', code });
    });
  });
  let settledNormally = false;
  return {
    ended,
    post,
    busy(b) {
      working = b;
      lastChange = performance.now();
      // An idle worker does not keep the process alive: a command that fails between requests still exits.
      if (b) {
        worker.ref();
        timer.ref();
      } else {
        worker.unref();
        timer.unref();
      }
    },
    stop() {
      settledNormally = true;
      void worker.terminate();
    },
  };
}

/** An InterleaveError for a worker that ended without an answer. */
export function exitedError(code: number): InterleaveError {
  return new InterleaveError(
    'INTERLEAVE_WORKER_EXIT',
    `the isolated run ended (exit code ${code}) before it finished: does the scenario call process.exit?`,
  );
}

/** The load error of `file`, whose import the watchdog stopped: it never finished, or exhausted the heap. */
export function loadStoppedError(file: string, end: Stopped, limits: IsolationLimits): ScenarioLoadError {
  return end.why === 'hang'
    ? new ScenarioLoadError(
        `${file}: loading did not finish within ${end.waited / 1000} s${end.loading ? ' (--load-timeout)' : ''}: ` +
          'does the module run an endless loop at import?',
        'INTERLEAVE_IMPORT_HANG',
      )
    : new ScenarioLoadError(`${file}: loading ran out of memory (heap limit ${limits.maxHeapMb} MB, --max-heap)`, 'INTERLEAVE_IMPORT_OOM');
}
