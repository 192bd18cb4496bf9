import type { ExecutionResult, Panic, ResultKind, Violation } from '../runtime/execution.js';

/** One distinct outcome and the first execution that produced it. */
export interface OutcomeRecord {
  output: string[];
  value: unknown;
  result: ResultKind;
  unfinished: string[];
  count: number;
  /** Task ids chosen at the choice points of the first execution with this outcome. */
  choices: number[];
  /** Seed of that execution, for seeded strategies. */
  seed?: number;
  /** 0-based index of that execution. */
  firstExecution: number;
  steps: number;
  time: number;
  panic?: Panic;
  deadlock?: string[];
  stepLimit?: string;
  violations: Violation[];
}

/**
 * Groups executions by outcome: output lines, main's value, result and the
 * unfinished tasks. Only the first execution of each outcome is kept.
 */
export class OutcomeTable {
  private readonly byKey = new Map<string, OutcomeRecord>();

  get size(): number {
    return this.byKey.size;
  }

  add(r: ExecutionResult, execution: number, seed: number | undefined): void {
    const key = JSON.stringify([r.result, r.unfinished, r.value, r.output]);
    const known = this.byKey.get(key);
    if (known !== undefined) {
      known.count++;
      return;
    }
    const rec: OutcomeRecord = {
      output: r.output,
      value: r.value,
      result: r.result,
      unfinished: r.unfinished,
      count: 1,
      choices: r.choices.slice(),
      firstExecution: execution,
      steps: r.steps,
      time: r.time,
      violations: r.violations,
    };
    if (seed !== undefined) rec.seed = seed;
    if (r.panic !== undefined) rec.panic = r.panic;
    if (r.deadlock !== undefined) rec.deadlock = r.deadlock;
    if (r.stepLimit !== undefined) rec.stepLimit = r.stepLimit;
    this.byKey.set(key, rec);
  }

  /** Most frequent first; ties in the order they were found. */
  sorted(): OutcomeRecord[] {
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || a.firstExecution - b.firstExecution);
  }
}
