/**
 * Isolated runs of scenario files: each job runs in a worker thread under a
 * watchdog (run-worker.ts), and a run the watchdog stops — a task stuck in
 * synchronous code, a heap exhausted — becomes a `hang` or `out-of-memory`
 * outcome, with the task, its last operation and the schedule that led
 * there, beside everything found before. The CLI runs every scenario this
 * way; a test runner that has the file can too.
 */
import { totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ReplayResult } from '../api.js';
import { findings } from '../analysis/findings.js';
import { scenarioFiles } from '../cli/load.js';
import { OptionError } from '../errors.js';
import type { RawExploration, StopReason } from '../explore/explore.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import { encodeSchedule } from '../explore/schedule.js';
import { resolveOptions, type ExploreOptions, type Progress } from '../options.js';
import { buildReport, replayCommand, type Exploration } from '../report/report.js';
import type { Panic } from '../runtime/result.js';
import type { Scenario, ScenarioOptions } from '../runtime/scenario.js';
import { rebuild, type Described, type Listed, type PlainOptions, type Reply, type Request, type SerialisedError } from './protocol.js';
import { exitedError, idleTimeout, loadStoppedError, runWorker, type IsolationLimits, type RunningWorker, type Stopped, type WorkerEnd } from './run-worker.js';

export type { IsolationLimits } from './run-worker.js';
export type { Listed } from './protocol.js';

/** Real time one step may take by default. */
export const DEFAULT_STEP_TIMEOUT = 5000;

/** Half the machine's memory, at most 4 GB: a scenario runs out of memory before the machine does. */
export function defaultMaxHeapMb(): number {
  return Math.max(64, Math.min(4096, Math.floor(totalmem() / 2 / (1 << 20))));
}

function plain(options: ExploreOptions): PlainOptions {
  const rest: ExploreOptions = { ...options };
  delete rest.onProgress;
  delete rest.signal;
  delete rest.onOutcome;
  return rest;
}

/** What the worker of an exploration told before it ended. */
interface Seen {
  scenarioOptions: ScenarioOptions | undefined;
  records: OutcomeRecord[];
  progress: Progress | undefined;
}

/**
 * One worker thread that has loaded the scenario files and runs requests —
 * explore, replay — one at a time, each file loaded once. When the watchdog
 * stops it (a hang, the heap exhausted), the request becomes a `hang` or
 * `out-of-memory` outcome, and the next request starts a new worker.
 */
export class IsolatedSession {
  private worker: RunningWorker | undefined;
  private handler: ((m: Reply) => void) | undefined;

  private constructor(
    private readonly files: readonly string[],
    private readonly limits: IsolationLimits,
    /** The scenarios of the files, in file order. */
    readonly scenarios: readonly Listed[],
  ) {}

  /** Loads `paths` (files, or directories of them) in a worker and lists their scenarios; `name` keeps one. */
  static async open(paths: readonly string[], name: string | undefined, limits: IsolationLimits): Promise<IsolatedSession> {
    const files = await scenarioFiles(paths);
    const session = new IsolatedSession(files, limits, []);
    const listed = await session.start();
    let picked = listed;
    if (name !== undefined) {
      picked = listed.filter((l) => l.name === name);
      if (picked.length === 0) {
        session.close();
        throw new OptionError(`no scenario named "${name}" in ${paths.join(', ')} (found: ${listed.map((l) => l.name).join(', ')})`);
      }
    }
    (session as { scenarios: readonly Listed[] }).scenarios = picked;
    return session;
  }

  /** Starts a worker on the files and waits for its list of scenarios. */
  private async start(): Promise<Listed[]> {
    let loading = this.files[0] ?? '';
    let listed: Listed[] | undefined;
    let error: SerialisedError | undefined;
    let settle!: () => void;
    const answered = new Promise<void>((r) => (settle = r));
    this.handler = (m) => {
      if (m.type === 'loading') loading = m.file;
      else if (m.type === 'listed') listed = m.scenarios;
      else if (m.type === 'error') error = m.error;
      if (listed !== undefined || error !== undefined) settle();
    };
    const w = runWorker({ kind: 'session', files: [...this.files] }, this.limits, (m) => this.handler?.(m));
    this.worker = w;
    const end = await Promise.race([answered.then(() => undefined), w.ended]);
    w.busy(false);
    if (error !== undefined) {
      this.close();
      throw rebuild(error);
    }
    if (listed !== undefined) return listed;
    this.worker = undefined;
    if (end?.kind === 'stopped') throw loadStoppedError(loading, end, this.limits);
    throw exitedError(end?.kind === 'exited' ? end.code : 0);
  }

  /**
   * Sends `request` and feeds its replies to `onReply` until it says it is
   * done; resolves undefined then, or with how the worker ended if it died.
   */
  private async request(request: Request, onReply: (m: Reply) => boolean, signal?: AbortSignal): Promise<WorkerEnd | undefined> {
    if (this.worker === undefined) await this.start();
    const w = this.worker!;
    let settle!: () => void;
    const answered = new Promise<void>((r) => (settle = r));
    this.handler = (m) => {
      if (onReply(m)) settle();
    };
    // Asked to stop: the worker stops at its next execution boundary and reports; one that cannot is stopped.
    let grace: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      w.post({ type: 'abort' });
      grace = setTimeout(() => w.stop(), Math.max(2000, this.limits.stepTimeout));
    };
    w.busy(true);
    w.post({ type: 'request', request });
    if (signal?.aborted === true) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const end = await Promise.race([answered.then(() => undefined), w.ended]);
    clearTimeout(grace);
    signal?.removeEventListener('abort', onAbort);
    w.busy(false);
    this.handler = undefined;
    if (end !== undefined) this.worker = undefined;
    return end;
  }

  /**
   * explore() of one listed scenario. Never throws because the scenario hung
   * or ran out of memory: those are outcomes. On `options.signal`, the
   * worker stops at its next execution and reports; if it cannot (it is
   * stuck), what it had sent is the report.
   */
  async explore(target: Listed, options: ExploreOptions): Promise<Exploration> {
    const start = performance.now();
    const req: Request = { kind: 'explore', file: target.file, scenario: target.name, options: plain({ ...options, file: target.file, selectByName: target.selectByName }) };
    const seen: Seen = { scenarioOptions: undefined, records: [], progress: undefined };
    let report: Exploration | undefined;
    let error: SerialisedError | undefined;
    const end = await this.request(
      req,
      (m) => {
        switch (m.type) {
          case 'start':
            seen.scenarioOptions = m.scenarioOptions;
            return false;
          case 'outcome':
            seen.records.push(m.record);
            return false;
          case 'progress':
            seen.progress = m.progress;
            m.counts.forEach((c, i) => {
              if (seen.records[i] !== undefined) seen.records[i]!.count = c;
            });
            options.onProgress?.(m.progress);
            return false;
          case 'report':
            report = m.report;
            return true;
          case 'error':
            error = m.error;
            return true;
          default:
            return false;
        }
      },
      options.signal,
    );
    if (error !== undefined) throw rebuild(error);
    if (report !== undefined) return report;
    if (end?.kind === 'stopped') {
      const described = end.inExecution ? await this.describe(target, req.options, end) : undefined;
      return partialReport(target, options, seen, start, end.why, stopOutcome(end, described, seen, this.limits));
    }
    if (options.signal?.aborted === true) return partialReport(target, options, seen, start, 'interrupted', undefined);
    throw exitedError(end?.kind === 'exited' ? end.code : 0);
  }

  /** replay() of one listed scenario; a hang or out-of-memory is its result. */
  async replay(target: Listed, options: PlainOptions & ({ schedule: string } | { seed: number })): Promise<ReplayResult> {
    const req: Request = { kind: 'replay', file: target.file, scenario: target.name, options: { ...options, file: target.file, selectByName: target.selectByName } };
    let result: ReplayResult | undefined;
    let error: SerialisedError | undefined;
    let scenarioOptions: ScenarioOptions | undefined;
    const end = await this.request(req, (m) => {
      if (m.type === 'start') scenarioOptions = m.scenarioOptions;
      else if (m.type === 'replayed') result = m.result;
      else if (m.type === 'error') error = m.error;
      return result !== undefined || error !== undefined;
    });
    if (error !== undefined) throw rebuild(error);
    if (result !== undefined) return result;
    if (end?.kind !== 'stopped') throw exitedError(end?.kind === 'exited' ? end.code : 0);
    const described = end.inExecution ? await this.describe(target, req.options, end) : undefined;
    const rec = stopOutcome(end, described, { scenarioOptions, records: [], progress: undefined }, this.limits);
    const opts = resolveOptions(stub(target.name, scenarioOptions), { ...req.options });
    const schedule = encodeSchedule(rec.choices);
    return {
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
  }

  /** Runs the stopped schedule again, up to the step before the stop, in a new worker; undefined if that fails too. */
  private async describe(target: Listed, options: PlainOptions, s: Stopped): Promise<Described | undefined> {
    if (s.step === 0 || s.choicesTruncated) return undefined;
    let described: Described | undefined;
    try {
      const end = await this.request(
        {
          kind: 'describe',
          file: target.file,
          scenario: target.name,
          options,
          choices: s.choices,
          steps: s.step,
          task: s.task,
          alt: s.alt,
          firing: s.firing,
        },
        (m) => {
          if (m.type === 'described') described = m.described;
          return m.type === 'described' || m.type === 'error';
        },
      );
      void end;
    } catch {
      // The files no longer load: describe without it.
    }
    return described;
  }

  /** Ends the worker. */
  close(): void {
    this.worker?.stop();
    this.worker = undefined;
  }
}

function stub(name: string, options: ScenarioOptions | undefined): Scenario {
  return { name, ...(options !== undefined ? { options } : {}), main() {} };
}

/** The outcome of the execution the watchdog stopped. */
function stopOutcome(s: Stopped, d: Described | undefined, seen: Seen, limits: IsolationLimits): OutcomeRecord {
  // A task the re-run does not know (it spun before its first await, started in the step that never ended) is named by the probe.
  const starting = d !== undefined && d.task === undefined && s.taskName !== undefined;
  const task = d?.task ?? s.taskName ?? (s.task === 0 ? 'main' : `task${s.task}`);
  const after =
    d?.lastOp !== undefined
      ? `${s.firing ? 'inside' : 'after'} ${d.lastOp}${s.step > 0 ? ` (step ${s.step})` : ''}`
      : s.step === 0
        ? 'at its start'
        : starting
          ? `at its start (step ${s.step})`
          : `at step ${s.step}`;
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
  if (s.choicesTruncated) message += `; its schedule is longer than the ${s.choices.length} choices kept, so the one shown is cut short`;
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
  why: StopReason,
  stop: OutcomeRecord | undefined,
): Exploration {
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
