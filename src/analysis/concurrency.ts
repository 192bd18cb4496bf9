/**
 * Collects, across the executions of one exploration, the pairs of
 * conflicting events that no synchronization orders: data races on shared
 * variables, and unordered events on stdout. From them come the `race`
 * finding (a pair unordered in any execution) and the `timing` finding (a
 * pair unordered by synchronization whose order never varied because the
 * second event always came at a later virtual time: an order kept only by
 * sleep lengths).
 *
 * An event is named by its task and its index in the task (its own vector
 * clock entry), which is stable across executions that reach it the same way,
 * so observations of one pair in many executions meet under one key. Only
 * the first example of each pair keeps its schedule; sites and descriptions
 * come later, from a traced replay of it (see describeEvents).
 */
import type { ConcurrencySink, EventRef } from '../runtime/hb.js';
import type { Task } from '../runtime/task.js';

/** Bounds: a scenario with many racing program points keeps memory small. */
const MAX_RACES = 256;
const MAX_PAIRS = 4096;

export interface PairExample {
  object: string;
  first: EventRef;
  second: EventRef;
  firstTask: string;
  secondTask: string;
  /** The schedule of the execution that showed it (the execution's own array, never changed after it ends). */
  choices: number[];
}

/** A log's observations as plain data: racing pairs by key, and each object's pairs of events. */
export interface LogState {
  races: [string, PairExample][];
  pairs: [string, [number, PairState][]][];
}

export interface PairState {
  /** Bit 1: the lower-keyed event came first; bit 2: the other. */
  orders: number;
  /** Every observation had 0 < first.time < second.time. */
  timed: boolean;
  example: PairExample;
}

// (task, epoch) packed in 24 bits; a pair of them in 48, exact in a double.
const EVENT_LIMIT = 1 << 24;
const RACE_LIMIT = 1 << 26;
const eventKey = (e: EventRef): number => (e.task < 256 && e.epoch < 65536 ? e.task * 65536 + e.epoch : -1);

// Most pairs are of events with task and epoch below 128: their key is packed
// in 28 bits, a small integer, which a Map hashes without allocating (a key of
// 48 bits is a heap number, made and hashed at every lookup). Other pairs get
// keys from 2^28 up, so the two kinds never meet.
const SMALL = 128;
const SMALL_PAIRS = 1 << 28;

/** The key of the pair (task ta, epoch ea) – (task tb, epoch eb), `a` the event with the lower eventKey. */
function packPair(ta: number, ea: number, tb: number, eb: number): number {
  if (ta < SMALL && ea < SMALL && tb < SMALL && eb < SMALL)
    return (ta * SMALL + ea) * (SMALL * SMALL) + tb * SMALL + eb;
  return SMALL_PAIRS + (ta * 65536 + ea) * EVENT_LIMIT + tb * 65536 + eb;
}

/**
 * A pair's key as saved in a log's state (exportState, shard reports): the
 * 48-bit one, `lo`'s eventKey · 2^24 + `hi`'s, whatever the key in memory,
 * so that states saved before small keys existed still merge with new ones.
 */
function savedKey(key: number): number {
  if (key >= SMALL_PAIRS) return key - SMALL_PAIRS;
  const lo = Math.floor(key / (SMALL * SMALL));
  const hi = key % (SMALL * SMALL);
  const event = (e: number): number => Math.floor(e / SMALL) * 65536 + (e % SMALL);
  return event(lo) * EVENT_LIMIT + event(hi);
}

/** The key in memory of a pair saved under `saved` (see savedKey). */
function keyOfSaved(saved: number): number {
  const lo = Math.floor(saved / EVENT_LIMIT);
  const hi = saved % EVENT_LIMIT;
  return packPair(Math.floor(lo / 65536), lo % 65536, Math.floor(hi / 65536), hi % 65536);
}

/** Events of tasks 0-7 with epochs 0-7, the most common, are numbered 0-63 (-1 for the others). */
const TINY = 8;
const TINY_EVENTS = TINY * TINY;
const tinyEvent = (e: EventRef): number => (e.task < TINY && e.epoch < TINY ? e.task * TINY + e.epoch : -1);

export class ConcurrencyLog implements ConcurrencySink {
  private readonly races = new Map<string, PairExample>();
  private readonly raceKeys = new Map<string, Set<number>>();
  private readonly pairs = new Map<string, Map<number, PairState>>();
  private pairCount = 0;
  /**
   * Per object, its pairs of tiny events (see tinyEvent) by index: the same
   * states as in `pairs`, found without hashing. A cache: `pairs` has them all.
   */
  private readonly tiny = new Map<string, (PairState | undefined)[]>();
  /** The object of the last unordered pair, and its pairs: most pairs are on one object (stdout). */
  private lastObject = '';
  private lastPairs: Map<number, PairState> | undefined;
  private lastTiny: (PairState | undefined)[] | undefined;
  private tasks: readonly Task[] = [];
  private choices: number[] = [];

  /** The execution about to run: its tasks (for names) and schedule (kept for examples). */
  begin(tasks: readonly Task[], choices: number[]): void {
    this.tasks = tasks;
    this.choices = choices;
  }

  race(object: string, first: EventRef, second: EventRef): void {
    const a = eventKey(first);
    const b = eventKey(second);
    if (this.races.size < MAX_RACES && a >= 0 && b >= 0) {
      // Numbers, not strings: a racy scenario races in most executions.
      let m = this.raceKeys.get(object);
      if (m === undefined) this.raceKeys.set(object, (m = new Set()));
      const key = (a * 4 + first.kind) * RACE_LIMIT + b * 4 + second.kind;
      if (!m.has(key)) {
        m.add(key);
        this.races.set(`${object}\0${key}`, this.example(object, first, second));
      }
    }
    this.unordered(object, first, second);
  }

  unordered(object: string, first: EventRef, second: EventRef): void {
    const a = eventKey(first);
    const b = eventKey(second);
    if (a < 0 || b < 0) return;
    if (this.lastPairs === undefined || object !== this.lastObject) this.switchTo(object);
    const order = a < b ? 1 : 2;
    const timed = first.time > 0 && first.time < second.time;
    // Most pairs come again in execution after execution: find them by index when they can be.
    const ta = tinyEvent(first);
    const tb = tinyEvent(second);
    const slot = ta < 0 || tb < 0 ? -1 : a < b ? ta * TINY_EVENTS + tb : tb * TINY_EVENTS + ta;
    let s = slot < 0 ? undefined : this.lastTiny![slot];
    if (s === undefined) {
      const m = this.lastPairs!;
      const key =
        a < b
          ? packPair(first.task, first.epoch, second.task, second.epoch)
          : packPair(second.task, second.epoch, first.task, first.epoch);
      s = m.get(key);
      if (s === undefined) {
        if (this.pairCount >= MAX_PAIRS) return;
        this.pairCount++;
        s = { orders: order, timed, example: this.example(object, first, second) };
        m.set(key, s);
        if (slot >= 0) this.lastTiny![slot] = s;
        return;
      }
      if (slot >= 0) this.lastTiny![slot] = s;
    }
    s.orders |= order;
    if (!timed) s.timed = false;
  }

  /** Makes `object`'s pairs the ones at hand. */
  private switchTo(object: string): void {
    let m = this.pairs.get(object);
    if (m === undefined) this.pairs.set(object, (m = new Map()));
    let tiny = this.tiny.get(object);
    if (tiny === undefined) this.tiny.set(object, (tiny = new Array<PairState | undefined>(TINY_EVENTS * TINY_EVENTS)));
    this.lastObject = object;
    this.lastPairs = m;
    this.lastTiny = tiny;
  }

  /** The observations as plain data (JSON-safe), for a split run to merge (see parallel/logs.ts). */
  exportState(): LogState {
    return {
      races: [...this.races],
      pairs: [...this.pairs].map(([object, m]) => [object, [...m].map(([key, s]) => [savedKey(key), { ...s }])]),
    };
  }

  /**
   * Adds the observations of another part of a split search as if its
   * executions came after this log's: a pair's orders are united, it stays
   * timed only if it was timed in both, and the example seen first is kept.
   */
  absorb(state: LogState): void {
    for (const [key, example] of state.races) {
      if (this.races.size < MAX_RACES && !this.races.has(key)) this.races.set(key, example);
    }
    for (const [object, entries] of state.pairs) {
      let m = this.pairs.get(object);
      if (m === undefined) this.pairs.set(object, (m = new Map()));
      for (const [saved, s] of entries) {
        const key = keyOfSaved(saved);
        const mine = m.get(key);
        if (mine !== undefined) {
          mine.orders |= s.orders;
          if (!s.timed) mine.timed = false;
        } else if (this.pairCount < MAX_PAIRS) {
          this.pairCount++;
          m.set(key, { ...s });
        }
      }
    }
  }

  /** One example of each distinct racing pair, in the order found. */
  raceExamples(): PairExample[] {
    return [...this.races.values()];
  }

  /** Pairs seen in one order only, and always at increasing virtual times after a sleep. */
  timingExamples(): PairExample[] {
    const out: PairExample[] = [];
    for (const m of this.pairs.values()) {
      for (const s of m.values()) if (s.timed && s.orders !== 3) out.push(s.example);
    }
    return out;
  }

  private example(object: string, first: EventRef, second: EventRef): PairExample {
    return {
      object,
      first: { ...first },
      second: { ...second },
      firstTask: this.tasks[first.task]?.name ?? `task${first.task}`,
      secondTask: this.tasks[second.task]?.name ?? `task${second.task}`,
      choices: this.choices,
    };
  }
}
