import { resolve } from 'node:path';
import Tinypool from 'tinypool';
import { InterleaveError, NondeterminismError, OptionError, ScenarioLoadError, ScheduleError } from '../errors.js';
import type { JobResult } from './jobs.js';
import type { Job, JobOptions } from './jobs.js';
import type { WorkerReply, WorkerTask } from './worker.js';

/** An error from a worker, rebuilt with its class and code so the CLI reports it as it would its own. */
function rebuild(e: Extract<WorkerReply, { ok: false }>['error']): Error {
  let err: Error;
  if (e.code === undefined) {
    err = new Error(e.message);
  } else if (e.name === 'NondeterminismError') {
    err = new NondeterminismError(e.message);
  } else if (e.name === 'ScenarioLoadError') {
    err = new ScenarioLoadError(e.message, e.code);
  } else if (e.name === 'ScheduleError') {
    err = new ScheduleError(e.message, e.code);
  } else if (e.name === 'OptionError') {
    err = new OptionError(e.message);
  } else {
    err = new InterleaveError(e.code, e.message);
  }
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}

/**
 * The module each worker runs: worker.js next to this file; run from the
 * TypeScript sources (tests, tsx), a small module that loads worker.ts
 * through tsx's API, since a worker thread does not inherit tsx's hooks.
 */
function workerEntry(): string {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const target = new URL('./worker.ts', import.meta.url).href;
  const shim =
    `const { tsImport } = await import(${JSON.stringify(tsx)});\n` +
    `const m = await tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)});\n` +
    'export default m.default;\n';
  return `data:text/javascript,${encodeURIComponent(shim)}`;
}

/** Worker threads (tinypool) that run jobs of one scenario file. */
export class WorkerPool {
  private readonly pool: Tinypool;
  private readonly file: string;

  constructor(
    file: string,
    private readonly scenario: string,
    workers: number,
  ) {
    this.file = resolve(file);
    this.pool = new Tinypool({
      filename: workerEntry(),
      minThreads: workers,
      maxThreads: workers,
      // Jobs come one after another; a worker idles only between them.
      idleTimeout: 60_000,
    });
  }

  async run(options: JobOptions, job: Job): Promise<JobResult> {
    const task: WorkerTask = { file: this.file, scenario: this.scenario, options, job };
    const reply = (await this.pool.run(task)) as WorkerReply;
    if (!reply.ok) throw rebuild(reply.error);
    return reply.raw;
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
