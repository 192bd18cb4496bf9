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
import { Worker } from 'node:worker_threads';
import { InterleaveError } from '../errors.js';
import { ALT, BEAT, CHOICE0, CHOICES, createProbe, EXECUTION, IN_EXECUTION, STEP, TASK } from '../runtime/probe.js';
import type { Command, Job, Reply, WorkerInput } from './protocol.js';

/** Limits of an isolated run. */
export interface IsolationLimits {
  /** Real time a step may take — the scenario's code between two operations — before the run is a `hang`. */
  stepTimeout: number;
  /** Heap of the worker, in MB; beyond it the run is `out-of-memory`. */
  maxHeapMb: number;
}

/** Where the stopped run was, from the probe. */
export interface Stopped {
  why: 'hang' | 'out-of-memory';
  /** Executions the worker had started (re-runs included). */
  executionsStarted: number;
  /** The step in progress (1-based); 0 when the scenario had not reached its first step. */
  step: number;
  task: number;
  alt: number;
  choices: number[];
  /** The probe held fewer choices than the execution made. */
  choicesTruncated: boolean;
  /** An execution was in flight (else it stopped in interleave's own code, or while loading). */
  inExecution: boolean;
}

export type WorkerEnd = { kind: 'done' } | ({ kind: 'stopped' } & Stopped) | { kind: 'exited'; code: number };

/** Choices the probe keeps; a longer schedule is re-derived as far as it goes. */
const PROBE_CHOICES = 1 << 16;

/** Time allowed for what runs outside executions (loading the file, analysis) before the worker counts as stuck. */
export function idleTimeout(limits: IsolationLimits): number {
  return Math.max(30_000, limits.stepTimeout * 10);
}

// Run from the TypeScript sources (tests), the worker loads worker.ts through tsx; from dist/, plain JavaScript.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);

/** A line of JavaScript that registers tsx in the new thread, then imports worker.ts. */
function sourceEntry(): string {
  return `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(WORKER.href)}); });`;
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
  const worker = new Worker(fromSource ? sourceEntry() : WORKER, {
    ...(fromSource ? { eval: true } : {}),
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
  const idle = idleTimeout(limits);

  const snapshot = (why: Stopped['why']): Stopped => {
    const n = Atomics.load(probe, CHOICES);
    const kept = Math.min(n, probe.length - CHOICE0);
    const choices: number[] = [];
    for (let i = 0; i < kept; i++) choices.push(Atomics.load(probe, CHOICE0 + i));
    return {
      why,
      executionsStarted: Atomics.load(probe, EXECUTION),
      step: Atomics.load(probe, STEP),
      task: Atomics.load(probe, TASK),
      alt: Atomics.load(probe, ALT),
      choices,
      choicesTruncated: kept < n,
      inExecution: Atomics.load(probe, IN_EXECUTION) === 1,
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
      const limit = Atomics.load(probe, IN_EXECUTION) === 1 ? limits.stepTimeout : idle;
      if (now - lastChange >= limit) {
        stopped = snapshot('hang');
        void worker.terminate();
      }
    },
    Math.max(10, Math.min(100, limits.stepTimeout / 5)),
  );

  const ended = new Promise<WorkerEnd>((resolve) => {
    worker.on('message', (m: Reply) => {
      lastChange = performance.now();
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
