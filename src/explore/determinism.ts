import { InterleaveError } from '../errors.js';
import type { ExecutionResult, TraceStep } from '../runtime/execution.js';
import { Replay } from './replay.js';
import { encodeSchedule } from './schedule.js';

/**
 * Stateless exploration is only correct if the same schedule gives the same
 * run: it never stores a program state, it re-runs the scenario from the start
 * under each schedule. A scenario that reads Math.random, Date.now or real
 * timers, or keeps state in its module from one execution to the next, breaks
 * that silently — counts and outcome sets come out wrong. So a sample of
 * executions is run again under the same schedule and compared: the steps
 * (each execution's fingerprint), the output, the value, the result.
 *
 * The sample: the first `n` executions (run with a trace, so that a
 * difference names its step), the first execution of each of the first `10·n`
 * outcomes, and execution 0 once more at the end, after every other
 * execution has run — module-level state that leaks from one execution into
 * the next shows there.
 */

/** The same schedule gave a different run. */
export interface Divergence {
  /** The execution whose re-run differed (0-based). */
  execution: number;
  /** Its schedule string, when known. */
  schedule?: string;
  /** The first step (1-based) at which the two runs differ, when the traces show it. */
  step?: number;
  /** What differs, in one sentence. */
  detail: string;
}

interface Sample {
  execution: number;
  choices: number[];
  result: ExecutionResult;
}

/** How re-runs run: without the exploration's analysis, which must see each execution once. */
export interface RerunConfig {
  maxSteps: number;
  waitForTasks: boolean;
  trace: boolean;
  jitter?: number;
}

type RunOnce = (config: RerunConfig, replay: Replay) => Promise<ExecutionResult | null>;

export class DeterminismCheck {
  divergence: Divergence | undefined;
  private first: Sample | undefined;
  private outcomeReruns = 0;

  /** `sample`: the n above; 0 turns the check off. */
  constructor(
    private readonly sample: number,
    private readonly run: RunOnce,
    private readonly config: RerunConfig,
  ) {}

  /**
   * Whether after() would re-run this execution (the explore loop skips the
   * call, and its promise, for the others: nearly all of them).
   */
  wants(execution: number, newOutcome: boolean): boolean {
    if (this.sample === 0 || this.divergence !== undefined) return false;
    return execution < this.sample || (newOutcome && this.outcomeReruns < 10 * this.sample);
  }

  /** Whether execution `execution` should run with a trace (the first n do). */
  traced(execution: number): boolean {
    return execution < this.sample;
  }

  /**
   * Called after each complete execution; re-runs it when it is in the sample.
   * Returns false once a divergence is known: the exploration cannot be trusted
   * to go on.
   */
  async after(r: ExecutionResult, execution: number, newOutcome: boolean): Promise<boolean> {
    if (!this.wants(execution, newOutcome)) return this.divergence === undefined;
    if (execution >= this.sample) this.outcomeReruns++;
    const s: Sample = { execution, choices: r.choices.slice(), result: r };
    if (execution === 0) this.first = s;
    await this.compare(s);
    return this.divergence === undefined;
  }

  /** Execution 0 once more, after all the others. */
  async atEnd(executions: number): Promise<void> {
    if (this.divergence !== undefined || this.first === undefined || executions < 2) return;
    await this.compare(this.first, ' after the other executions (state kept in the module from one execution to the next?)');
  }

  /**
   * Another re-run of execution `execution` (the analysis memo's) differed,
   * as `detail` says: the scenario does not replay. Recorded as the sample's
   * divergences are, with the step where two traced re-runs differ.
   */
  async diverged(execution: number, result: ExecutionResult, detail: string): Promise<void> {
    if (this.divergence !== undefined) return;
    await this.explain({ execution, choices: result.choices.slice(), result }, detail, undefined, '');
  }

  private async compare(s: Sample, when = ''): Promise<void> {
    const traced = s.result.trace !== undefined;
    const again = await this.rerun(s.choices, traced);
    const detail = again instanceof Error ? again.message : difference(s.result, again);
    if (detail === undefined) return;
    await this.explain(s, detail, again instanceof Error ? undefined : again, when);
  }

  /** Records the divergence of `s`, re-run as `again` (undefined: it failed), naming the first step that differs when traces show it. */
  private async explain(s: Sample, detail: string, again: ExecutionResult | undefined, when: string): Promise<void> {
    const traced = s.result.trace !== undefined;
    let step: number | undefined;
    let a = s.result;
    let b = again;
    // The original ran without a trace: run twice more with one and compare those.
    if (!traced || b === undefined) {
      const x = await this.rerun(s.choices, true);
      const y = await this.rerun(s.choices, true);
      if (!(x instanceof Error) && !(y instanceof Error) && difference(x, y) !== undefined) {
        a = x;
        b = y;
      } else {
        b = undefined;
      }
    }
    if (b !== undefined && a.trace !== undefined && b.trace !== undefined) {
      const d = firstStepDifference(a.trace, b.trace);
      if (d !== undefined) {
        step = d.step;
        detail = d.detail;
      }
    }
    this.divergence = {
      execution: s.execution,
      schedule: encodeSchedule(s.choices),
      ...(step !== undefined ? { step } : {}),
      detail: `${detail}${when}`,
    };
  }

  private async rerun(choices: number[], trace: boolean): Promise<ExecutionResult | Error> {
    const replay = new Replay(choices);
    replay.begin();
    try {
      const r = await this.run({ ...this.config, trace }, replay);
      replay.end(r);
      if (r === null) return new Error('the re-run was abandoned');
      return r;
    } catch (e) {
      if (e instanceof InterleaveError) return new Error(`the re-run did not fit its own schedule: ${e.message}`);
      throw e;
    }
  }
}

const show = (s: string, max = 80): string => JSON.stringify(s.length > max ? `${s.slice(0, max - 3)}...` : s);

/** What differs between two runs of one schedule, or undefined when nothing does. */
export function difference(a: ExecutionResult, b: ExecutionResult): string | undefined {
  const n = Math.min(a.output.length, b.output.length);
  for (let i = 0; i < n; i++) {
    if (a.output[i] !== b.output[i]) {
      return `output line ${i + 1} was ${show(a.output[i]!)}, then ${show(b.output[i]!)}`;
    }
  }
  if (a.output.length !== b.output.length) return `the output had ${a.output.length} lines, then ${b.output.length}`;
  if (a.result !== b.result) return `the result was ${a.result}, then ${b.result}`;
  const va = JSON.stringify(a.value);
  const vb = JSON.stringify(b.value);
  if (va !== vb) return `main returned ${show(va)}, then ${show(vb)}`;
  if (a.unfinished.join() !== b.unfinished.join()) {
    return `the unfinished tasks were [${a.unfinished.join(', ')}], then [${b.unfinished.join(', ')}]`;
  }
  if (a.fingerprint !== b.fingerprint || a.steps !== b.steps) {
    return `the steps differ (${a.steps} steps, then ${b.steps}), with the same output`;
  }
  return undefined;
}

function describeStep(s: TraceStep | undefined): string {
  return s === undefined ? 'the run had ended' : `${s.task} ran \`${s.op}\`${s.enabled > 1 ? ` (among ${s.enabled} enabled)` : ''}`;
}

function firstStepDifference(a: TraceStep[], b: TraceStep[]): { step: number; detail: string } | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && x.task === y.task && x.op === y.op && x.enabled === y.enabled && x.time === y.time) continue;
    const where = x?.site ?? y?.site;
    return { step: i + 1, detail: `at step ${i + 1}${where !== undefined ? ` (${where})` : ''} ${describeStep(x)}, then ${describeStep(y)}` };
  }
  return undefined;
}
