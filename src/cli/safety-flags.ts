/**
 * The flags that keep a run safe from its scenario — the isolation
 * watchdog's limits, the determinism check and the outcome bound — shared by
 * explore and replay.
 */
import { OptionError } from '../errors.js';
import { DEFAULT_LOAD_TIMEOUT } from '../isolate/run-worker.js';
import { DEFAULT_STEP_TIMEOUT, defaultMaxHeapMb, type IsolationLimits } from '../isolate/session.js';
import type { ExploreOptions } from '../options.js';
import { parseCount, parseDuration } from './args.js';

/** The limits of loading scenario files in a worker: what `list` takes too. */
export const loadFlags = {
  'load-timeout': { type: 'string', describe: 'real time importing one scenario file may take before it is reported as stuck: 500ms, 30s [default: 30s]' },
  'max-heap': { type: 'string', describe: 'heap of the isolated run in MB; beyond it the run is out-of-memory [default: half the memory, at most 4096]' },
} as const;

export const isolationFlags = {
  'step-timeout': { type: 'string', describe: 'real time one step of the scenario may take before the run is a hang: 300ms, 5s [default: 5s]' },
  ...loadFlags,
} as const;

export const exploreSafetyFlags = {
  ...isolationFlags,
  'check-determinism': {
    type: 'string',
    describe: 'run a sample of executions again and compare: the first n, the first of 10·n outcomes, execution 0 at the end; 0 turns it off [default: 3]',
  },
  'max-outcomes': { type: 'string', describe: 'distinct outcomes kept; executions with more are only counted [default: 10000]' },
} as const;

export interface LoadArgs {
  loadTimeout?: string;
  maxHeap?: string;
}

export interface IsolationArgs extends LoadArgs {
  stepTimeout?: string;
}

export interface SafetyArgs extends IsolationArgs {
  checkDeterminism?: string;
  maxOutcomes?: string;
}

export function parseLimits(args: IsolationArgs): IsolationLimits {
  return {
    stepTimeout: parseDuration(args.stepTimeout, '--step-timeout') ?? DEFAULT_STEP_TIMEOUT,
    maxHeapMb: parseHeap(args.maxHeap) ?? defaultMaxHeapMb(),
    loadTimeout: parseDuration(args.loadTimeout, '--load-timeout') ?? DEFAULT_LOAD_TIMEOUT,
  };
}

function parseHeap(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = parseCount(v, '--max-heap')!;
  if (n < 16) throw new OptionError(`Expected --max-heap to be a number of MB from 16 and up, got ${JSON.stringify(String(v))}`);
  return n;
}

/** `--check-determinism` (alone: the default sample) and `--max-outcomes` as explore() options. */
export function parseSafety(args: SafetyArgs): Pick<ExploreOptions, 'checkDeterminism' | 'maxOutcomes'> {
  const out: Pick<ExploreOptions, 'checkDeterminism' | 'maxOutcomes'> = {};
  if (args.checkDeterminism !== undefined) {
    const s = String(args.checkDeterminism);
    if (s === '') out.checkDeterminism = true;
    else if (/^\d+$/.test(s) && Number.isSafeInteger(Number(s))) out.checkDeterminism = Number(s);
    else throw new OptionError(`Expected --check-determinism to be a whole number from 0 and up, got ${JSON.stringify(s)}`);
  }
  const maxOutcomes = parseCount(args.maxOutcomes, '--max-outcomes');
  if (maxOutcomes !== undefined) out.maxOutcomes = maxOutcomes;
  return out;
}
