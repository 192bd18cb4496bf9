/**
 * The code each worker thread of a parallel run executes (see pool.ts): it
 * loads the scenario from its file itself — a scenario object, with its
 * closures, cannot cross to another thread — and runs one job at a time.
 */
import { loadFile, type LoadedScenario } from '../cli/load.js';
import { InterleaveError, ScenarioLoadError } from '../errors.js';
import type { JobResult } from './jobs.js';
import { runJob, type Job, type JobOptions } from './jobs.js';

export interface WorkerTask {
  /** Absolute path of the scenario file. */
  file: string;
  scenario: string;
  options: JobOptions;
  job: Job;
}

/** What crosses back: the job's records, or the error it threw as plain data. */
export type WorkerReply =
  | { ok: true; raw: JobResult }
  | { ok: false; error: { name: string; code: string | undefined; message: string; stack: string | undefined } };

// A worker runs many jobs: the file is loaded (and transformed by tsx) once.
const loaded = new Map<string, Promise<LoadedScenario[]>>();

export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  try {
    let scenarios = loaded.get(task.file);
    if (scenarios === undefined) {
      scenarios = loadFile(task.file);
      loaded.set(task.file, scenarios);
    }
    const found = (await scenarios).find((l) => l.scenario.name === task.scenario);
    if (found === undefined) {
      throw new ScenarioLoadError(
        `${task.file} has no scenario named "${task.scenario}": worker threads load the scenario from its file, ` +
          'so `workers` needs the file the scenario comes from',
        'INTERLEAVE_NO_SCENARIOS',
      );
    }
    return { ok: true, raw: await runJob(found.scenario, task.options, task.job) };
  } catch (e) {
    const err = e as Error;
    return {
      ok: false,
      error: {
        name: err?.name ?? 'Error',
        code: e instanceof InterleaveError ? e.code : undefined,
        message: err?.message ?? String(e),
        stack: err?.stack,
      },
    };
  }
}
