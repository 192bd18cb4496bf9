import type { ExecutionResult, Panic, ResultKind, TraceStep, Violation } from '../runtime/execution.js';

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
  /** Step-by-step trace of the first execution, when asked for. */
  trace?: TraceStep[];
}

/**
 * Groups executions by outcome: output lines, main's value, result and the
 * unfinished tasks. Only the first execution of each outcome is kept.
 *
 * An outcome is looked up as a sequence of tokens — result, number of
 * unfinished tasks, their names, main's value as JSON (null for null), the
 * output lines — where each token is replaced by a small number, the first
 * time it is seen, through one Map. Two outcomes are the same exactly when
 * their sequences are: the same grouping as a JSON.stringify of the four
 * parts, without building and hashing that string for every execution (it
 * was the largest cost of a small execution). Sequences are found by a hash
 * of the numbers and compared number by number.
 */
export class OutcomeTable {
  private readonly tokens = new Map<unknown, number>();
  private readonly byHash = new Map<number, Entry | Entry[]>();
  /** Records in the order their outcomes were first seen. */
  private readonly order: OutcomeRecord[] = [];
  /** Token numbers of the execution being added; reused so that a known outcome allocates nothing. */
  private readonly scratch: number[] = [];

  get size(): number {
    return this.order.length;
  }

  add(r: ExecutionResult, execution: number, seed: number | undefined): void {
    const seq = this.scratch;
    let n = 0;
    seq[n++] = this.token(r.result);
    seq[n++] = this.token(r.unfinished.length);
    for (const name of r.unfinished) seq[n++] = this.token(name);
    seq[n++] = this.token(r.value === null ? null : JSON.stringify(r.value));
    for (const line of r.output) seq[n++] = this.token(line);
    let h = n;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ seq[i]!, 0x9e3779b1) ^ (h >>> 15);

    const bucket = this.byHash.get(h);
    if (bucket !== undefined) {
      const known = Array.isArray(bucket)
        ? bucket.find((e) => same(e.seq, seq, n))
        : same(bucket.seq, seq, n)
          ? bucket
          : undefined;
      if (known !== undefined) {
        known.rec.count++;
        return;
      }
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
    const entry: Entry = { seq: seq.slice(0, n), rec };
    if (bucket === undefined) this.byHash.set(h, entry);
    else if (Array.isArray(bucket)) bucket.push(entry);
    else this.byHash.set(h, [bucket, entry]);
    this.order.push(rec);
  }

  /** Most frequent first; ties in the order they were found. */
  sorted(): OutcomeRecord[] {
    return [...this.order].sort((a, b) => b.count - a.count || a.firstExecution - b.firstExecution);
  }

  private token(t: unknown): number {
    let id = this.tokens.get(t);
    if (id === undefined) {
      id = this.tokens.size;
      this.tokens.set(t, id);
    }
    return id;
  }
}

interface Entry {
  seq: number[];
  rec: OutcomeRecord;
}

function same(a: readonly number[], b: readonly number[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
