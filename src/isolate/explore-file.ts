import { describeValue, OptionError } from '../errors.js';
import type { ExploreOptions } from '../options.js';
import type { Exploration } from '../report/report.js';
import { DEFAULT_STEP_TIMEOUT, defaultMaxHeapMb, IsolatedSession } from './session.js';

/** Options of exploreFile(): explore()'s, which scenarios, and the limits of the isolated run. */
export interface ExploreFileOptions extends ExploreOptions {
  /** Only the scenario with this name. @default every scenario of the file */
  scenario?: string;
  /**
   * Real time one step — the scenario's code between two scheduling
   * operations — may take before the execution is reported as a `hang`.
   * @default 5000
   */
  stepTimeout?: number;
  /**
   * Heap of the worker thread in MB; a scenario that needs more ends as `out-of-memory`.
   * @default half the machine's memory, at most 4096
   */
  maxHeapMb?: number;
  /**
   * Real time importing the file may take before it is an error (a module
   * that spins at import). @default 30000
   */
  loadTimeout?: number;
}

/**
 * Explores the scenarios of a file the way the CLI does: each in a worker
 * thread under a watchdog, so that a task stuck in `while (true) {}` is a
 * `hang` outcome after `stepTimeout` ms and an allocation without bound an
 * `out-of-memory` outcome — never a frozen or crashed test run. The file is
 * loaded in the worker (and only there). Load errors reject, as the CLI's
 * one-line errors.
 *
 * @example
 * const [result] = await exploreFile('scenarios/workers.ts', { stepTimeout: 1000 });
 * result.outcomes.length; // 4
 */
export async function exploreFile(file: string, options: ExploreFileOptions = {}): Promise<Exploration[]> {
  const { scenario, stepTimeout, maxHeapMb, loadTimeout, ...rest } = options;
  const limits = {
    stepTimeout: stepTimeout ?? DEFAULT_STEP_TIMEOUT,
    maxHeapMb: maxHeapMb ?? defaultMaxHeapMb(),
    ...(loadTimeout !== undefined ? { loadTimeout } : {}),
  };
  if (loadTimeout !== undefined && (typeof loadTimeout !== 'number' || !(loadTimeout > 0) || loadTimeout === Infinity)) {
    throw new OptionError(`Expected \`loadTimeout\` to be a number of milliseconds above 0, got ${describeValue(loadTimeout)}`);
  }
  if (typeof limits.stepTimeout !== 'number' || !(limits.stepTimeout > 0) || limits.stepTimeout === Infinity) {
    throw new OptionError(`Expected \`stepTimeout\` to be a number of milliseconds above 0, got ${describeValue(limits.stepTimeout)}`);
  }
  if (typeof limits.maxHeapMb !== 'number' || !Number.isInteger(limits.maxHeapMb) || limits.maxHeapMb < 16) {
    throw new OptionError(`Expected \`maxHeapMb\` to be a whole number of MB from 16 and up, got ${describeValue(limits.maxHeapMb)}`);
  }
  const session = await IsolatedSession.open([file], scenario, limits);
  const out: Exploration[] = [];
  try {
    for (const target of session.scenarios) {
      if (rest.signal?.aborted === true) break;
      out.push(await session.explore(target, rest));
    }
  } finally {
    session.close();
  }
  return out;
}
