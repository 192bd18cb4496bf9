import type { ExecutionResult, Panic, ResultKind, TraceStep, Violation } from '../runtime/execution.js';

/** One distinct outcome and the first execution that produced it. */
export interface OutcomeRecord {
  output: string[];
  value: unknown;
  result: ResultKind;
  unfinished: string[];
  count: number;
  /**
   * Task ids chosen at the choice points of the first execution with this
   * outcome, or of a schedule with fewer preemptions that gives the same
   * outcome (see minimize.ts; the first one is then `firstChoices`).
   */
  choices: number[];
  /** The first execution's choices, when minimization replaced them. */
  firstChoices?: number[];
  /** Preemptions of `choices`, for outcomes with a finding (see minimize.ts). */
  preemptions?: number;
  /** pct: the estimate of k that the first execution used (a replay by seed needs it). */
  pctSteps?: number;
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
 * Two outcomes are the same exactly when a JSON.stringify of those four parts
 * would be; building and hashing that string for every execution was the
 * largest cost of a small execution, and so was looking each output line up
 * in a Map (hashing a fresh string, flattening it first when it is a
 * concatenation). So an outcome is first found by a cheap signature — the
 * length and a few characters of each part — and confirmed by comparing it
 * with the outcomes that have that signature, part by part. Should the
 * signature fail to tell a scenario's outcomes apart (many outcomes with one
 * signature), the table switches for good to an exact index (ExactIndex).
 */
export class OutcomeTable {
  /** Records in the order their outcomes were first seen. */
  private readonly order: OutcomeRecord[] = [];
  /** JSON of each record's value (null for null), by position in `order`. */
  private readonly valueJsons: (string | null)[] = [];
  /** Positions in `order` by signature; undefined once the table has switched to `exact`. */
  private bySignature: Map<number, number | number[]> | undefined = new Map();
  private exact: ExactIndex | undefined;
  /**
   * One string for each distinct output line and task name. A record keeps
   * these rather than the execution's own strings, which are new in every
   * execution: outcomes share few distinct lines, and when every execution
   * has a new outcome (an exhaustive search of prints) the records live
   * through garbage collections, which then spent most of their time copying
   * those strings (interning them made the 3×3 prints 15-20% faster).
   */
  private readonly strings = new Map<string, string>();

  /** Outcomes seen exactly once so far (the Good–Turing estimate's numerator). */
  singletons = 0;

  /** Beyond `limit` outcomes, executions with a new one are only counted here (see OtherOutcomes). */
  readonly other: OtherOutcomes = { count: 0, executions: 0 };
  /** Hashes of the outcomes counted in `other`, up to MAX_OTHER_HASHES. */
  private otherHashes: Set<number> | undefined;

  /** `limit`: distinct outcomes kept; the rest are counted in `other`. */
  constructor(private readonly limit = Infinity) {}

  /** The records in the order their outcomes were first seen (live; do not modify). */
  get records(): readonly OutcomeRecord[] {
    return this.order;
  }

  get size(): number {
    return this.order.length;
  }

  add(r: ExecutionResult, execution: number, seed: number | undefined): void {
    const valueJson = r.value === null ? null : JSON.stringify(r.value);
    if (this.bySignature === undefined) {
      const known = this.exact!.find(r, valueJson);
      if (known !== undefined) {
        if (++known.count === 2) this.singletons--;
        return;
      }
      if (this.order.length >= this.limit) {
        this.countOther(r, valueJson);
        return;
      }
      this.exact!.insertLast(this.record(r, execution, seed, valueJson));
      return;
    }
    const sig = signature(r, valueJson);
    const bucket = this.bySignature.get(sig);
    if (bucket !== undefined) {
      if (typeof bucket === 'number') {
        if (this.same(bucket, r, valueJson)) {
          if (++this.order[bucket]!.count === 2) this.singletons--;
          return;
        }
      } else {
        for (const i of bucket) {
          if (this.same(i, r, valueJson)) {
            if (++this.order[i]!.count === 2) this.singletons--;
            return;
          }
        }
      }
    }
    const i = this.order.length;
    if (i >= this.limit) {
      this.countOther(r, valueJson);
      return;
    }
    this.record(r, execution, seed, valueJson);
    if (bucket === undefined) this.bySignature.set(sig, i);
    else if (typeof bucket === 'number') this.bySignature.set(sig, [bucket, i]);
    else if (bucket.length < MAX_BUCKET) bucket.push(i);
    else {
      // The signature does not tell this scenario's outcomes apart: go exact.
      this.exact = new ExactIndex();
      for (const rec of this.order) this.exact.insert(rec);
      this.bySignature = undefined;
    }
  }

  /**
   * An execution whose outcome is not among the kept ones. Its outcome is
   * told apart from the other such outcomes by a 32-bit hash of all of it,
   * and only so many hashes are kept: memory stays bounded whatever the
   * scenario does.
   */
  private countOther(r: Parts, valueJson: string | null): void {
    this.other.executions++;
    this.otherHashes ??= new Set();
    if (this.otherHashes.size >= MAX_OTHER_HASHES) {
      this.other.countIsLowerBound = true;
      return;
    }
    const h = fullHash(r, valueJson);
    if (this.otherHashes.has(h)) return;
    this.otherHashes.add(h);
    this.other.count++;
  }

  /** Most frequent first; ties in the order they were found. */
  sorted(): OutcomeRecord[] {
    return [...this.order].sort((a, b) => b.count - a.count || a.firstExecution - b.firstExecution);
  }

  /** Whether `r` has the outcome of the record at position `i`. */
  private same(i: number, r: Parts, valueJson: string | null): boolean {
    const rec = this.order[i]!;
    return (
      rec.result === r.result &&
      this.valueJsons[i] === valueJson &&
      sameItems(rec.output, r.output) &&
      sameItems(rec.unfinished, r.unfinished)
    );
  }

  private record(
    r: ExecutionResult,
    execution: number,
    seed: number | undefined,
    valueJson: string | null,
  ): OutcomeRecord {
    const rec: OutcomeRecord = {
      output: this.intern(r.output),
      value: r.value,
      result: r.result,
      unfinished: this.intern(r.unfinished),
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
    this.order.push(rec);
    this.valueJsons.push(valueJson);
    this.singletons++;
    return rec;
  }

  /** A copy of `lines` made of the table's one string for each. */
  private intern(lines: readonly string[]): string[] {
    const out: string[] = [];
    for (const line of lines) {
      let s = this.strings.get(line);
      if (s === undefined) this.strings.set(line, (s = line));
      out.push(s);
    }
    return out;
  }
}

/**
 * Executions whose outcome was not kept, beyond the table's limit: how many,
 * and how many distinct outcomes they had (told apart by a 32-bit hash, so
 * two could in principle be counted as one).
 */
export interface OtherOutcomes {
  /** Distinct outcomes not kept. */
  count: number;
  /** Executions that had them. */
  executions: number;
  /** More than MAX_OTHER_HASHES distinct ones: `count` stopped there. */
  countIsLowerBound?: boolean;
}

/** Hashes of uncounted outcomes kept at most (about 40 MB). */
const MAX_OTHER_HASHES = 1_000_000;

/** A 32-bit hash of every character of the parts of an outcome. */
function fullHash(r: Parts, valueJson: string | null): number {
  let h = mix(r.result.length, valueJson === null ? 0x7fffffff : stringHash(valueJson));
  for (const name of r.unfinished) h = mix(h, stringHash(name));
  h = mix(h, r.unfinished.length);
  for (const line of r.output) h = mix(h, stringHash(line));
  h = mix(h, r.output.length);
  for (let i = 0; i < r.result.length; i++) h = mix(h, r.result.charCodeAt(i));
  return h;
}

function stringHash(s: string): number {
  let h = s.length;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

/** Outcomes with one signature beyond which the table goes exact. */
const MAX_BUCKET = 16;

/** The four parts of an outcome, as ExecutionResult and OutcomeRecord both have them. */
interface Parts {
  result: ResultKind;
  unfinished: readonly string[];
  output: readonly string[];
}

/** Whether two arrays hold the same items in the same order (===). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A 30-bit hash of the parts of an outcome, from the length and a few characters of each string. */
function signature(r: Parts, valueJson: string | null): number {
  let h = mix(r.result.length, valueJson === null ? 0x7fffffff : sample(valueJson));
  h = mix(h, r.unfinished.length);
  for (const name of r.unfinished) h = mix(h, sample(name));
  h = mix(h, r.output.length);
  for (const line of r.output) h = mix(h, sample(line));
  // 30 bits: a small integer, which the Map hashes as it is (a key beyond
  // that is a heap number, made and hashed at every lookup).
  return h & 0x3fffffff;
}

/** The length and the characters at the start, quarter, middle, three quarters and end. */
function sample(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let h = mix(n, s.charCodeAt(0));
  h = mix(h, s.charCodeAt(n >> 2));
  h = mix(h, s.charCodeAt(n >> 1));
  h = mix(h, s.charCodeAt((3 * n) >> 2));
  return mix(h, s.charCodeAt(n - 1));
}

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * The exact index: each part of an outcome (and each output line) maps to a
 * small number, the first time it is seen, through one Map — result, number
 * of unfinished tasks, their names, main's value as JSON (null for null), the
 * output lines — and an outcome is found by a hash of its numbers, then
 * compared number by number. Slower than the signature for small scenarios,
 * but never confused by outcomes that differ only where the signature does
 * not look.
 */
class ExactIndex {
  private readonly tokens = new Map<unknown, number>();
  private readonly byHash = new Map<number, ExactEntry | ExactEntry[]>();
  /** Token numbers of the outcome last looked up, `length` of them; reused so that a lookup allocates nothing. */
  private readonly scratch: number[] = [];
  private length = 0;
  private hash = 0;

  /** The record with the outcome of `r`, if any; leaves `r`'s numbers for insertLast. */
  find(r: Parts, valueJson: string | null): OutcomeRecord | undefined {
    this.encode(r, valueJson);
    const bucket = this.byHash.get(this.hash);
    if (bucket === undefined) return undefined;
    if (!Array.isArray(bucket)) return this.matches(bucket) ? bucket.rec : undefined;
    return bucket.find((e) => this.matches(e))?.rec;
  }

  insert(rec: OutcomeRecord): void {
    this.encode(rec, rec.value === null ? null : JSON.stringify(rec.value));
    this.insertLast(rec);
  }

  /** Inserts `rec` under the numbers of the last find() or insert(). */
  insertLast(rec: OutcomeRecord): void {
    const entry: ExactEntry = { seq: this.scratch.slice(0, this.length), rec };
    const bucket = this.byHash.get(this.hash);
    if (bucket === undefined) this.byHash.set(this.hash, entry);
    else if (Array.isArray(bucket)) bucket.push(entry);
    else this.byHash.set(this.hash, [bucket, entry]);
  }

  private encode(r: Parts, valueJson: string | null): void {
    const seq = this.scratch;
    let n = 0;
    seq[n++] = this.token(r.result);
    seq[n++] = this.token(r.unfinished.length);
    for (const name of r.unfinished) seq[n++] = this.token(name);
    seq[n++] = this.token(valueJson);
    for (const line of r.output) seq[n++] = this.token(line);
    let h = n;
    for (let i = 0; i < n; i++) h = mix(h, seq[i]!);
    this.length = n;
    this.hash = h;
  }

  private matches(e: ExactEntry): boolean {
    const n = this.length;
    if (e.seq.length !== n) return false;
    for (let i = 0; i < n; i++) if (e.seq[i] !== this.scratch[i]) return false;
    return true;
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

interface ExactEntry {
  seq: number[];
  rec: OutcomeRecord;
}
