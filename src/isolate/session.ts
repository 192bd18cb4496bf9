/**
 * Isolated runs of scenario files: each job runs in a worker thread under a
 * watchdog (run-worker.ts), and a run the watchdog stops — a task stuck in
 * synchronous code, a heap exhausted — becomes a `hang` or `out-of-memory`
 * outcome, with the task, its last operation and the schedule that led
 * there, beside everything found before. The CLI runs every scenario this
 * way; a test runner that has the file can too.
 */
import { performance } from 'node:perf_hooks';
import type { ReplayResult } from '../api.js';
import { findings } from '../analysis/findings.js';
import { scenarioFiles } from '../cli/load.js';
import { OptionError, ScenarioLoadError } from '../errors.js';
import type { RawExploration, StopReason } from '../explore/explore.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import { encodeSchedule } from '../explore/schedule.js';
import { resolveOptions, type ExploreOptions, type Progress } from '../options.js';
import { buildReport, replayCommand, type Exploration } from '../report/report.js';
import type { Panic } from '../runtime/result.js';
import type { Scenario, ScenarioOptions } from '../runtime/scenario.js';
import { rebuild, type Described, type Job, type Listed, type PlainOptions, type SerialisedError } from './protocol.js';
import { exitedError, idleTimeout, runWorker, type IsolationLimits, type Stopped } from './run-worker.js';

export type { IsolationLimits } from './run-worker.js';
export type { Listed } from './protocol.js';

/** Defaults: 5 s per step; a heap of half the machine's memory, at most 4 GB. */
export const DEFAULT_STEP_TIMEOUT = 5000;

function plain(options: ExploreOptions): PlainOptions {
  const { onProgress: _p, signal: _s, onOutcome: _o, ...rest } = options;
  return rest;
}

/** Loads `paths` (files, or directories of them) in a worker and lists their scenarios; `name` keeps one. */
export async function listIsolated(paths: readonly string[], name: string | undefined, limits: IsolationLimits): Promise<Listed[]> {
  const files = await scenarioFiles(paths);
  let loading = files[0] ?? '';
  let listed: Listed[] | undefined;
  let error: SerialisedError | undefined;
  const w = runWorker({ kind: 'list', files }, limits, (m) => {
    if (m.type === 'loading') loading = m.file;
    else if (m.type === 'listed') listed = m.scenarios;
    else if (m.type === 'error') error = m.error;
    if (listed !== undefined || error !== undefined) w.stop();
  });
  const end = await w.ended;
  if (error !== undefined) throw rebuild(error);
  if (end.kind === 'stopped') {
    throw new ScenarioLoadError(
      end.why === 'hang'
        ? `${loading}: loading did not finish within ${idleTimeout(limits) / 1000} s: does the module run an endless loop at import?`
        : `${loading}: loading ran out of memory (heap limit ${limits.maxHeapMb} MB, --max-heap)`,
      end.why === 'hang' ? 'INTERLEAVE_IMPORT_HANG' : 'INTERLEAVE_IMPORT_OOM',
    );
  }
  if (listed === undefined) throw exitedError(end.kind === 'exited' ? end.code : 0);
  if (name === undefined) return listed;
  const picked = listed.filter((l) => l.name === name);
  if (picked.length === 0) {
    throw new OptionError(`no scenario named "${name}" in ${paths.join(', ')} (found: ${listed.map((l) => l.name).join(', ')})`);
  }
  return picked;
}

/** What the worker of an exploration told before it ended. */
interface Seen {
  scenarioOptions: ScenarioOptions | undefined;
  records: OutcomeRecord[];
  progress: Progress | undefined;
}

/**
 * explore() of one scenario of a file, in a worker under the watchdog. Never
 * throws because the scenario hung or ran out of memory: those are outcomes.
 * On `signal`, the worker stops at the next execution and reports; if it
 * cannot (it is stuck), what it had sent is the report.
 */
export async function exploreIsolated(target: Listed, options: ExploreOptions, limits: IsolationLimits): Promise<Exploration> {
  const start = performance.now();
  const job: Job = { kind: 'explore', file: target.file, scenario: target.name, options: plain({ ...options, file: target.file, selectByName: target.selectByName }) };
  const seen: Seen = { scenarioOptions: undefined, records: [], progress: undefined };
  let report: Exploration | undefined;
  let error: SerialisedError | undefined;
  let killedAfterAbort = false;
  const w = runWorker(job, limits, (m) => {
    switch (m.type) {
      case 'start':
        seen.scenarioOptions = m.scenarioOptions;
        break;
      case 'outcome':
        seen.records.push(m.record);
        break;
      case 'progress':
        seen.progress = m.progress;
        m.counts.forEach((c, i) => {
          if (seen.records[i] !== undefined) seen.records[i]!.count = c;
        });
        options.onProgress?.(m.progress);
        break;
      case 'report':
        report = m.report;
        w.stop();
        break;
      case 'error':
        error = m.error;
        w.stop();
        break;
      default:
        break;
    }
  });
  // Asked to stop: the worker stops at its next execution boundary and reports; one that cannot is stopped.
  let grace: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    w.post({ type: 'abort' });
    grace = setTimeout(() => {
      killedAfterAbort = true;
      w.stop();
    }, Math.max(2000, limits.stepTimeout));
  };
  if (options.signal?.aborted === true) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const end = await w.ended;
  clearTimeout(grace);
  options.signal?.removeEventListener('abort', onAbort);
  if (error !== undefined) throw rebuild(error);
  if (report !== undefined) return report;
  if (end.kind === 'stopped') {
    const described = end.inExecution ? await describeStop(target, job.options, end, limits) : undefined;
    return partialReport(target, options, seen, start, limits, end.why, stopOutcome(end, described, seen, limits));
  }
  if (killedAfterAbort) return partialReport(target, options, seen, start, limits, 'interrupted', undefined);
  throw exitedError(end.kind === 'exited' ? end.code : 0);
}

/** replay() of one scenario of a file, in a worker under the watchdog; a hang or out-of-memory is its result. */
export async function replayIsolated(
  target: Listed,
  options: PlainOptions & ({ schedule: string } | { seed: number }),
  limits: IsolationLimits,
): Promise<ReplayResult> {
  const job: Job = { kind: 'replay', file: target.file, scenario: target.name, options: { ...options, file: target.file, selectByName: target.selectByName } };
  let result: ReplayResult | undefined;
  let error: SerialisedError | undefined;
  let scenarioOptions: ScenarioOptions | undefined;
  const w = runWorker(job, limits, (m) => {
    if (m.type === 'start') scenarioOptions = m.scenarioOptions;
    else if (m.type === 'replayed') result = m.result;
    else if (m.type === 'error') error = m.error;
    if (result !== undefined || error !== undefined) w.stop();
  });
  const end = await w.ended;
  if (error !== undefined) throw rebuild(error);
  if (result !== undefined) return result;
  if (end.kind !== 'stopped') throw exitedError(end.kind === 'exited' ? end.code : 0);
  const described = end.inExecution ? await describeStop(target, job.options, end, limits) : undefined;
  const rec = stopOutcome(end, described, { scenarioOptions, records: [], progress: undefined }, limits);
  const opts = resolveOptions(stub(target.name, scenarioOptions), { ...job.options, file: target.file, selectByName: target.selectByName });
  const schedule = encodeSchedule(rec.choices);
  const r: ReplayResult = {
    output: rec.output,
    value: null,
    result: rec.result,
    unfinished: rec.unfinished,
    steps: rec.steps,
    time: rec.time,
    choices: rec.choices,
    violations: [],
    panic: rec.panic!,
    schedule,
    replay: replayCommand(target.name, opts, schedule),
    trace: described?.trace ?? [],
  };
  return r;
}

function stub(name: string, options: ScenarioOptions | undefined): Scenario {
  return { name, ...(options !== undefined ? { options } : {}), main() {} };
}

/** Runs the stopped schedule again, up to the step before the stop, in a worker of its own; undefined if that fails too. */
async function describeStop(target: Listed, options: PlainOptions, s: Stopped, limits: IsolationLimits): Promise<Described | undefined> {
  if (s.step === 0 || s.choicesTruncated) return undefined;
  let described: Described | undefined;
  const w = runWorker(
    { kind: 'describe', file: target.file, scenario: target.name, options, choices: s.choices, steps: s.step, task: s.task, alt: s.alt },
    limits,
    (m) => {
      if (m.type === 'described') described = m.described;
      if (m.type === 'described' || m.type === 'error') w.stop();
    },
  );
  await w.ended;
  return described;
}

/** The outcome of the execution the watchdog stopped. */
function stopOutcome(s: Stopped, d: Described | undefined, seen: Seen, limits: IsolationLimits): OutcomeRecord {
  const task = d?.task ?? (s.task === 0 ? 'main' : `task${s.task}`);
  const after = d?.lastOp !== undefined ? `after ${d.lastOp}${s.step > 0 ? ` (step ${s.step})` : ''}` : s.step === 0 ? 'at its start' : `at step ${s.step}`;
  let message: string;
  if (s.why === 'hang') {
    message = s.inExecution
      ? `task ${task} ran for more than ${limits.stepTimeout} ms without reaching a scheduling operation ${after}: ` +
        'an endless loop in synchronous code? The run was stopped (--step-timeout)'
      : `interleave's own code between executions made no progress for ${idleTimeout(limits)} ms; the run was stopped`;
  } else {
    message = s.inExecution
      ? `task ${task} ran out of memory ${after}: the heap limit is ${limits.maxHeapMb} MB (--max-heap); an allocation without bound?`
      : `the exploration ran out of memory between executions (heap limit ${limits.maxHeapMb} MB, --max-heap): ` +
        'too many outcomes kept? (--max-outcomes)';
  }
  const panic: Panic = { kind: s.why, task, message };
  if (d?.site !== undefined) panic.site = d.site;
  const executions = seen.records.reduce((n, r) => n + r.count, 0);
  return {
    output: d?.output ?? [],
    value: null,
    result: s.why,
    unfinished: d?.unfinished ?? [],
    count: 1,
    choices: s.choices,
    firstExecution: executions,
    steps: s.step,
    time: d?.time ?? 0,
    panic,
    violations: [],
  };
}

/** The report of an exploration whose worker was stopped: what it had sent, and the stopped execution first. */
function partialReport(
  target: Listed,
  options: ExploreOptions,
  seen: Seen,
  start: number,
  limits: IsolationLimits,
  why: StopReason,
  stop: OutcomeRecord | undefined,
): Exploration {
  void limits;
  const opts = resolveOptions(stub(target.name, seen.scenarioOptions), {
    ...plain(options),
    file: target.file,
    selectByName: target.selectByName,
  });
  const found = [...seen.records].sort((a, b) => b.count - a.count || a.firstExecution - b.firstExecution);
  const executions = found.reduce((n, r) => n + r.count, 0);
  const outcomes = stop !== undefined ? [stop, ...found] : found;
  const raw: RawExploration = {
    outcomes,
    executions: executions + (stop !== undefined ? 1 : 0),
    redundant: 0,
    complete: false,
    stopReason: why,
    elapsedMs: performance.now() - start,
    steps: outcomes.reduce((n, r) => n + r.steps * r.count, 0),
  };
  return buildReport(target.name, opts, raw, findings(outcomes));
}
